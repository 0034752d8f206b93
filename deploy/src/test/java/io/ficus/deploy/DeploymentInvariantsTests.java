package io.ficus.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** What every Deployment of every place must hold before anyone applies it. */
class DeploymentInvariantsTests {

    static final String[] DEPLOYABLES = {"monolith", "catalog-service", "notifications-service", "strangler-gateway"};
    private static final Pattern SECRET_LIKE = Pattern.compile(".*(PASSWORD|SECRET|TOKEN).*");

    @ParameterizedTest
    @ValueSource(strings = {"local", "cluster"})
    void everyDeployableHasExactlyOneDeployment(String place) {
        assertThat(RenderedPlace.load(place).all(Deployment.class))
                .extracting(deployment -> deployment.getMetadata().getName())
                .containsExactlyInAnyOrder(DEPLOYABLES);
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "cluster"})
    void everyContainerIsProbedOnTheActuatorHealthGroupsOfThePortActuatorListensOn(String place) {
        for (Deployment deployment : RenderedPlace.load(place).all(Deployment.class)) {
            for (Container container : podSpec(deployment).getContainers()) {
                String where = place + "/" + container.getName();
                assertProbe(where + " startup", container, container.getStartupProbe(), "/actuator/health/liveness");
                assertProbe(where + " readiness", container, container.getReadinessProbe(), "/actuator/health/readiness");
                assertProbe(where + " liveness", container, container.getLivenessProbe(), "/actuator/health/liveness");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "cluster"})
    void everyContainerHasRequestsWithinLimits(String place) {
        for (Deployment deployment : RenderedPlace.load(place).all(Deployment.class)) {
            for (Container container : podSpec(deployment).getContainers()) {
                Map<String, Quantity> requests = container.getResources().getRequests();
                Map<String, Quantity> limits = container.getResources().getLimits();
                for (String resource : new String[] {"cpu", "memory"}) {
                    assertThat(requests).as("%s/%s requests", place, container.getName()).containsKey(resource);
                    assertThat(limits).as("%s/%s limits", place, container.getName()).containsKey(resource);
                    assertThat(Quantity.getAmountInBytes(requests.get(resource)))
                            .as("%s/%s %s request within its limit", place, container.getName(), resource)
                            .isLessThanOrEqualTo(Quantity.getAmountInBytes(limits.get(resource)));
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "cluster"})
    void everyPodRunsAsNonRootOnAReadOnlyRootWithOnlyTmpWritable(String place) {
        for (Deployment deployment : RenderedPlace.load(place).all(Deployment.class)) {
            PodSpec pod = podSpec(deployment);
            String name = deployment.getMetadata().getName();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(name).isTrue();
            assertThat(pod.getSecurityContext().getRunAsUser()).as(name).isNotNull().isPositive();
            for (Container container : pod.getContainers()) {
                var security = container.getSecurityContext();
                assertThat(security.getReadOnlyRootFilesystem()).as(name + " read-only root").isTrue();
                assertThat(security.getAllowPrivilegeEscalation()).as(name + " privilege escalation").isFalse();
                assertThat(security.getCapabilities().getDrop()).as(name + " capabilities").containsExactly("ALL");
                String tmpVolume = container.getVolumeMounts().stream()
                        .filter(mount -> "/tmp".equals(mount.getMountPath())).findFirst()
                        .orElseThrow(() -> new AssertionError(name + " mounts nothing writable at /tmp")).getName();
                Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(tmpVolume)).findFirst().orElseThrow();
                assertThat(volume.getEmptyDir()).as(name + " /tmp is an emptyDir").isNotNull();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "cluster"})
    void noPodMountsAServiceAccountToken(String place) {
        RenderedPlace rendered = RenderedPlace.load(place);
        for (Deployment deployment : rendered.all(Deployment.class)) {
            PodSpec pod = podSpec(deployment);
            assertThat(pod.getAutomountServiceAccountToken()).as(deployment.getMetadata().getName()).isFalse();
            ServiceAccount account = rendered.named(ServiceAccount.class, pod.getServiceAccountName())
                    .orElseThrow(() -> new AssertionError(deployment.getMetadata().getName()
                            + " runs as a service account the manifests do not define: " + pod.getServiceAccountName()));
            assertThat(account.getAutomountServiceAccountToken()).as(account.getMetadata().getName()).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "cluster"})
    void everyPasswordComesFromASecret(String place) {
        for (Deployment deployment : RenderedPlace.load(place).all(Deployment.class)) {
            for (Container container : podSpec(deployment).getContainers()) {
                for (EnvVar variable : container.getEnv()) {
                    if (SECRET_LIKE.matcher(variable.getName()).matches()) {
                        assertThat(variable.getValue()).as("%s %s holds a value", container.getName(), variable.getName()).isNull();
                        assertThat(variable.getValueFrom().getSecretKeyRef())
                                .as("%s %s from a Secret", container.getName(), variable.getName()).isNotNull();
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "cluster"})
    void everyDeploymentHasADisruptionBudgetSelectingItsPods(String place) {
        RenderedPlace rendered = RenderedPlace.load(place);
        for (Deployment deployment : rendered.all(Deployment.class)) {
            Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            assertThat(rendered.all(PodDisruptionBudget.class))
                    .as("a PodDisruptionBudget for %s", deployment.getMetadata().getName())
                    .anySatisfy(budget -> assertThat(podLabels)
                            .containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "cluster"})
    void theGatewayAndTheServicesScaleByCpuAndTheMonolithStaysOneInstance(String place) {
        RenderedPlace rendered = RenderedPlace.load(place);
        for (String scalable : new String[] {"strangler-gateway", "catalog-service", "notifications-service"}) {
            assertThat(rendered.all(HorizontalPodAutoscaler.class)).as("an autoscaler for " + scalable)
                    .anySatisfy(hpa -> {
                        assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
                        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(scalable);
                        assertThat(hpa.getSpec().getMinReplicas()).isPositive()
                                .isLessThanOrEqualTo(hpa.getSpec().getMaxReplicas());
                    });
        }
        // its event registry republishes outstanding events on restart: correct for one instance only (FACTS.md)
        Deployment monolith = rendered.named(Deployment.class, "monolith").orElseThrow();
        assertThat(monolith.getSpec().getReplicas()).isEqualTo(1);
        assertThat(monolith.getSpec().getStrategy().getType()).isEqualTo("Recreate");
        assertThat(rendered.all(HorizontalPodAutoscaler.class))
                .noneSatisfy(hpa -> assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("monolith"));
    }

    @Test
    void inTheClusterEveryScalableComponentRunsTwoInstancesAtLeast() {
        RenderedPlace cluster = RenderedPlace.load("cluster");
        for (String scalable : new String[] {"strangler-gateway", "catalog-service", "notifications-service"}) {
            assertThat(cluster.named(Deployment.class, scalable).orElseThrow().getSpec().getReplicas())
                    .as(scalable).isGreaterThanOrEqualTo(2);
            assertThat(cluster.named(HorizontalPodAutoscaler.class, scalable).orElseThrow().getSpec().getMinReplicas())
                    .as(scalable).isGreaterThanOrEqualTo(2);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "cluster"})
    void springFinishesItsGracefulShutdownInsideTheGracePeriod(String place) {
        for (Deployment deployment : RenderedPlace.load(place).all(Deployment.class)) {
            PodSpec pod = podSpec(deployment);
            Container container = pod.getContainers().get(0);
            Duration drain = Duration.parse("PT" + env(container, "SPRING_LIFECYCLE_TIMEOUTPERSHUTDOWNPHASE")
                    .orElseThrow(() -> new AssertionError(container.getName() + " sets no shutdown timeout")).toUpperCase());
            long preStopSleep = Optional.ofNullable(container.getLifecycle()).map(l -> l.getPreStop())
                    .map(handler -> handler.getSleep()).map(sleep -> sleep.getSeconds()).orElse(0L);
            assertThat(pod.getTerminationGracePeriodSeconds())
                    .as("%s: grace period above preStop %d s + drain %s", container.getName(), preStopSleep, drain)
                    .isGreaterThan(preStopSleep + drain.toSeconds());
        }
    }

    static PodSpec podSpec(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec();
    }

    static Optional<String> env(Container container, String name) {
        return container.getEnv().stream().filter(v -> v.getName().equals(name)).map(EnvVar::getValue).findFirst();
    }

    private static void assertProbe(String where, Container container, Probe probe, String path) {
        assertThat(probe).as(where).isNotNull();
        assertThat(probe.getHttpGet()).as(where + " over HTTP").isNotNull();
        assertThat(probe.getHttpGet().getPath()).as(where).isEqualTo(path);
        // actuator answers on the management port where one is set (the gateway), else on the server port
        int actuator = managementPort(container).orElseGet(() -> serverPort(container));
        assertThat(probe.getHttpGet().getPort()).as(where + " on the port actuator listens on").isEqualTo(new IntOrString(actuator));
    }

    /** The port the application serves on (SERVER_PORT), as the probes, Services and policies must name it. */
    static int serverPort(Container container) {
        return Integer.parseInt(env(container, "SERVER_PORT")
                .orElseThrow(() -> new AssertionError(container.getName() + " sets no SERVER_PORT")));
    }

    static Optional<Integer> managementPort(Container container) {
        return env(container, "MANAGEMENT_SERVER_PORT").map(Integer::parseInt);
    }
}
