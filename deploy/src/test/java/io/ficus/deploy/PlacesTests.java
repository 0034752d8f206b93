package io.ficus.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** What differs between the two places, and what the build copied into them. */
class PlacesTests {

    private static final Path PLAN = Path.of("..", "strangler-gateway", "src", "main", "resources", "migration-plan.yml");
    private static final Pattern LEFTOVER_TOKEN = Pattern.compile("@[A-Z][A-Z_]*@");
    private static final Pattern BACKEND_URL = Pattern.compile("FICUS_.*_URL|.*BASEURL|.*SOURCEURL|.*ISSUERURI|FICUS_IDENTITY_ISSUER");
    private static final Pattern ADDRESS = Pattern.compile("https?://(\\d+\\.\\d+\\.\\d+\\.\\d+|localhost)(:\\d+)?(/.*)?");

    @ParameterizedTest
    @ValueSource(strings = {"local", "cluster"})
    void everyTemplateTokenWasReplaced(String place) {
        RenderedPlace rendered = RenderedPlace.load(place);
        assertThat(rendered.files()).hasSize(5);
        for (Path file : rendered.files()) {
            assertThat(LEFTOVER_TOKEN.matcher(RenderedPlace.read(file)).results().map(m -> m.group()).toList())
                    .as(file.toString()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "cluster"})
    void theGatewayReadsTheMigrationPlanOfTheCodeFromItsConfigMap(String place) {
        RenderedPlace rendered = RenderedPlace.load(place);
        ConfigMap plan = rendered.named(ConfigMap.class, "ficus-migration-plan").orElseThrow();
        assertThat(plan.getData()).containsOnlyKeys("migration-plan.yml");
        assertThat(plan.getData().get("migration-plan.yml")).isEqualTo(RenderedPlace.read(PLAN));

        PodSpec pod = rendered.named(Deployment.class, "strangler-gateway").orElseThrow().getSpec().getTemplate().getSpec();
        Volume volume = pod.getVolumes().stream().filter(v -> v.getConfigMap() != null).findFirst().orElseThrow();
        assertThat(volume.getConfigMap().getName()).isEqualTo("ficus-migration-plan");
        Container gateway = pod.getContainers().get(0);
        VolumeMount mount = gateway.getVolumeMounts().stream()
                .filter(m -> m.getName().equals(volume.getName())).findFirst().orElseThrow();
        assertThat(DeploymentInvariantsTests.env(gateway, "FICUS_GATEWAY_PLAN"))
                .contains("file:" + mount.getMountPath() + "/migration-plan.yml");
    }

    @Test
    void locallyEveryPodUsesTheMachinesNetworkAndTheLoadedImages() {
        for (Deployment deployment : RenderedPlace.load("local").all(Deployment.class)) {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            assertThat(pod.getHostNetwork()).as(deployment.getMetadata().getName()).isTrue();
            for (Container container : pod.getContainers()) {
                assertThat(container.getImage()).startsWith("localhost/ficus/" + deployment.getMetadata().getName() + ":");
                assertThat(container.getImagePullPolicy()).isEqualTo("Never");
                // on the machine's network the admin port must not listen on the machine's interfaces
                DeploymentInvariantsTests.env(container, "MANAGEMENT_SERVER_ADDRESS")
                        .ifPresent(address -> assertThat(address).isEqualTo("127.0.0.1"));
            }
        }
    }

    @Test
    void inTheClusterEveryBackendIsANameNeverAnAddress() {
        List<Deployment> deployments = RenderedPlace.load("cluster").all(Deployment.class);
        for (Deployment deployment : deployments) {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            assertThat(pod.getHostNetwork()).as(deployment.getMetadata().getName()).isFalse();
            for (Container container : pod.getContainers()) {
                assertThat(container.getImagePullPolicy()).isEqualTo("IfNotPresent");
                container.getEnv().stream().filter(variable -> BACKEND_URL.matcher(variable.getName()).matches())
                        .forEach(variable -> assertThat(variable.getValue())
                                .as("%s %s", container.getName(), variable.getName())
                                .isNotNull().doesNotMatch(ADDRESS));
            }
        }
        // the pattern above must match something, or this test checks nothing
        assertThat(deployments).flatMap(d -> d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .filteredOn(variable -> BACKEND_URL.matcher(variable.getName()).matches()).hasSizeGreaterThanOrEqualTo(7);
    }

    @Test
    void inTheClusterTheGatewayBalancesOverEachServicesPodsThroughAHeadlessService() {
        RenderedPlace cluster = RenderedPlace.load("cluster");
        Container gateway = cluster.named(Deployment.class, "strangler-gateway").orElseThrow()
                .getSpec().getTemplate().getSpec().getContainers().get(0);
        for (String service : new String[] {"catalog", "notifications"}) {
            String prefix = "FICUS_" + service.toUpperCase() + "_SERVICE_";
            assertThat(DeploymentInvariantsTests.env(gateway, prefix + "DISCOVERY")).contains("dns");
            URI url = URI.create(DeploymentInvariantsTests.env(gateway, prefix + "URL").orElseThrow());
            Service headless = cluster.named(Service.class, url.getHost()).orElseThrow();
            assertThat(headless.getSpec().getClusterIP()).as(url.getHost()).isEqualTo("None");
            assertThat(headless.getSpec().getSelector())
                    .containsEntry("app.kubernetes.io/name", service + "-service");
            assertThat(headless.getSpec().getPorts()).extracting(port -> port.getPort()).containsExactly(url.getPort());
        }
    }
}
