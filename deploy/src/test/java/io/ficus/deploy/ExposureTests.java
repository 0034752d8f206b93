package io.ficus.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Who may reach what: only the gateway's proxy port from outside, the services only from the gateway and the shop. */
class ExposureTests {

    private static final String NAME = "app.kubernetes.io/name";

    @ParameterizedTest
    @ValueSource(strings = {"local", "cluster"})
    void ingressIsDeniedUnlessAPolicyOfTheComponentAllowsIt(String place) {
        assertThat(RenderedPlace.load(place).all(NetworkPolicy.class)).anySatisfy(policy -> {
            assertThat(policy.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
            assertThat(policy.getSpec().getPodSelector().getMatchExpressions()).isNullOrEmpty();
            assertThat(policy.getSpec().getPolicyTypes()).contains("Ingress");
            assertThat(policy.getSpec().getIngress()).isNullOrEmpty();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "cluster"})
    void onlyTheGatewaysProxyPortIsOpenToEveryoneAndItsAdminPortToNobody(String place) {
        RenderedPlace rendered = RenderedPlace.load(place);
        Container gateway = container(rendered, "strangler-gateway");
        int proxy = DeploymentInvariantsTests.serverPort(gateway);
        int admin = DeploymentInvariantsTests.managementPort(gateway)
                .orElseThrow(() -> new AssertionError("the gateway's admin port is its proxy port"));
        assertThat(admin).isNotEqualTo(proxy);

        for (NetworkPolicy policy : rendered.all(NetworkPolicy.class)) {
            for (NetworkPolicyIngressRule rule : rules(policy)) {
                Set<Integer> ports = ports(rule);
                if (rule.getFrom() == null || rule.getFrom().isEmpty()) {
                    assertThat(selected(policy)).as(policy.getMetadata().getName() + " opens to everyone")
                            .isEqualTo("strangler-gateway");
                    assertThat(ports).as("the ports open to everyone").containsExactly(proxy);
                }
                if (selected(policy).equals("strangler-gateway")) {
                    assertThat(ports).as("no policy opens the admin port").doesNotContain(admin).isNotEmpty();
                }
            }
        }
        Service service = rendered.named(Service.class, "strangler-gateway").orElseThrow();
        assertThat(service.getSpec().getPorts()).singleElement()
                .satisfies(port -> assertThat(port.getTargetPort()).isEqualTo(new IntOrString(proxy)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "cluster"})
    void servicesAreReachedOnlyFromTheGatewayAndTheShop(String place) {
        RenderedPlace rendered = RenderedPlace.load(place);
        assertThat(peersOf(rendered, "catalog-service")).containsExactlyInAnyOrder("strangler-gateway", "monolith");
        assertThat(peersOf(rendered, "notifications-service")).containsExactlyInAnyOrder("strangler-gateway", "monolith");
        // the services fetch the issuer's keys from the shop, and catalog-service backfills from it
        assertThat(peersOf(rendered, "monolith"))
                .containsExactlyInAnyOrder("strangler-gateway", "catalog-service", "notifications-service");
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "cluster"})
    void everyServiceTargetsThePortItsPodsServeOn(String place) {
        RenderedPlace rendered = RenderedPlace.load(place);
        // one Service per deployable, and a headless one per service for the gateway's balancing (discovery dns)
        assertThat(rendered.all(Service.class)).extracting(service -> service.getMetadata().getName())
                .containsAll(List.of(DeploymentInvariantsTests.DEPLOYABLES))
                .containsAll(List.of("catalog-service-instances", "notifications-service-instances"))
                .hasSize(DeploymentInvariantsTests.DEPLOYABLES.length + 2);
        for (Service service : rendered.all(Service.class)) {
            Container target = container(rendered, service.getSpec().getSelector().get(NAME));
            assertThat(service.getSpec().getPorts()).singleElement().satisfies(port -> assertThat(port.getTargetPort())
                    .as("%s targets the port %s serves on", service.getMetadata().getName(), target.getName())
                    .isEqualTo(new IntOrString(DeploymentInvariantsTests.serverPort(target))));
        }
    }

    private static Set<String> peersOf(RenderedPlace rendered, String component) {
        List<NetworkPolicy> policies = rendered.all(NetworkPolicy.class).stream()
                .filter(policy -> component.equals(selected(policy))).toList();
        assertThat(policies).as("a policy selecting " + component).isNotEmpty();
        int served = DeploymentInvariantsTests.serverPort(container(rendered, component));
        return policies.stream().flatMap(policy -> rules(policy).stream())
                .peek(rule -> {
                    assertThat(rule.getFrom()).as(component + " open to everyone").isNotEmpty();
                    assertThat(ports(rule)).containsExactly(served);
                })
                .flatMap(rule -> rule.getFrom().stream())
                .map(ExposureTests::peerName)
                .collect(Collectors.toSet());
    }

    private static String peerName(NetworkPolicyPeer peer) {
        assertThat(peer.getNamespaceSelector()).as("peers from other namespaces").isNull();
        assertThat(peer.getIpBlock()).as("peers by address").isNull();
        Map<String, String> labels = peer.getPodSelector().getMatchLabels();
        assertThat(labels).containsOnlyKeys(NAME);
        return labels.get(NAME);
    }

    private static String selected(NetworkPolicy policy) {
        Map<String, String> labels = policy.getSpec().getPodSelector().getMatchLabels();
        return labels == null ? "" : labels.getOrDefault(NAME, "");
    }

    private static List<NetworkPolicyIngressRule> rules(NetworkPolicy policy) {
        return policy.getSpec().getIngress() == null ? List.of() : policy.getSpec().getIngress();
    }

    private static Set<Integer> ports(NetworkPolicyIngressRule rule) {
        return rule.getPorts().stream().map(port -> port.getPort().getIntVal()).collect(Collectors.toSet());
    }

    private static Container container(RenderedPlace rendered, String deployment) {
        return rendered.named(Deployment.class, deployment).orElseThrow()
                .getSpec().getTemplate().getSpec().getContainers().get(0);
    }
}
