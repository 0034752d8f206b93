package io.ficus.gateway.plan;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A route's {@code automation:} block: read as written, refused with a message naming the route and the field. */
class AutomationPlanTests {

    private static final String HEADER = """
            legacy:
              url: http://localhost:8081
            services:
              catalog-service:
                url: http://localhost:8082
            routes:
            """;

    @Test
    void readsStepsDurationRequestsAndThresholds() {
        MigrationPlan plan = load(HEADER + """
                  - id: reads
                    paths: [/api/catalog/**]
                    methods: [GET]
                    service: catalog-service
                    automation:
                      steps: [canary 5, canary 25%, live]
                      min-duration: 10m
                      min-requests: 200
                      thresholds:
                        max-error-rate-increase: 1
                        max-p99-ratio: 1.5
                        max-mismatch-rate: 0.5
                """);

        AutomationPolicy policy = plan.route("reads").automation();
        assertThat(policy.labels()).containsExactly("canary 5", "canary 25", "live");
        assertThat(policy.minDuration()).isEqualTo(Duration.ofMinutes(10));
        assertThat(policy.minRequests()).isEqualTo(200);
        assertThat(policy.thresholds().maxErrorRateIncrease()).isEqualTo(1.0);
        assertThat(policy.thresholds().maxP99Ratio()).isEqualTo(1.5);
        assertThat(policy.thresholds().maxMismatchRate()).isEqualTo(0.5);
        assertThat(policy.thresholds().p99Floor()).isEqualTo(Duration.ofMillis(20));
        assertThat(policy.indexOf(Stage.CANARY, 25)).isEqualTo(1);
        assertThat(policy.indexOf(Stage.CANARY, 30)).isEqualTo(-1);
    }

    @Test
    void aRouteWithoutTheBlockHasNoAutomation() {
        MigrationPlan plan = load(HEADER + """
                  - {id: reads, paths: [/api/catalog/**], methods: [GET], service: catalog-service}
                """);

        assertThat(plan.route("reads").automation()).isNull();
    }

    @Test
    void aWriteRouteMayOnlyHaveTheLiveStep() {
        assertThat(load(HEADER + writes("[live]")).route("writes").automation().labels()).containsExactly("live");

        assertThatThrownBy(() -> load(HEADER + writes("[canary 10, live]")))
                .isInstanceOf(InvalidMigrationPlanException.class)
                .hasMessageContaining("route 'writes': automation: step 'canary 10': stage 'canary' is not allowed for "
                        + "a write route")
                .hasMessageContaining("docs/adr/0005-write-routes-move-in-one-step.md");
    }

    @Test
    void refusesStepsThatGoBackOrCannotBeParsed() {
        assertThatThrownBy(() -> load(HEADER + reads("""
                      steps: [canary 50, canary 25, legacy, canary, 'canary five', live, canary 90]
                      min-duration: 1m
                      min-requests: 10
                """)))
                .isInstanceOf(InvalidMigrationPlanException.class)
                .hasMessageContaining("route 'reads': automation: steps must move away from legacy, but 'canary 25' "
                        + "follows 'canary 50'")
                .hasMessageContaining("step 'legacy' is not a step forward")
                .hasMessageContaining("step 'canary': a canary needs a percent (0..100)")
                .hasMessageContaining("step 'canary five' is not '<stage>' or 'canary <percent>'")
                .hasMessageContaining("steps must move away from legacy, but 'canary 90' follows 'live'");
    }

    @Test
    void refusesMissingOrImpossibleFigures() {
        assertThatThrownBy(() -> load(HEADER + reads("""
                      steps: []
                      min-requests: 0
                      thresholds:
                        max-error-rate-increase: 120
                        max-p99-ratio: 0.5
                        max-mismatch-rate: -1
                """)))
                .isInstanceOf(InvalidMigrationPlanException.class)
                .hasMessageContaining("route 'reads': automation: steps are missing (e.g. [canary 5, canary 25, live])")
                .hasMessageContaining("min-duration is missing")
                .hasMessageContaining("min-requests must be at least 1, was 0")
                .hasMessageContaining("thresholds.max-error-rate-increase is in percent and must be within 0..100, was 120.0")
                .hasMessageContaining("thresholds.max-p99-ratio must be at least 1")
                .hasMessageContaining("thresholds.max-mismatch-rate is in percent and must be within 0..100, was -1.0");
    }

    @Test
    void refusesAutomationOnAGroupAndAStartOutsideItsSteps() {
        assertThatThrownBy(() -> load(HEADER + """
                  - id: reads
                    paths: [/api/catalog/**]
                    methods: [GET]
                    service: catalog-service
                    group: catalog
                    automation: {steps: [live], min-duration: 1m, min-requests: 1}
                """)).hasMessageContaining("route 'reads': automation: not supported on a route of a group");
        assertThatThrownBy(() -> load(HEADER + """
                  - id: reads
                    paths: [/api/catalog/**]
                    methods: [GET]
                    service: catalog-service
                    stage: canary
                    percent: 10
                    automation: {steps: [canary 25, live], min-duration: 1m, min-requests: 1}
                """)).hasMessageContaining("route 'reads': automation: the route starts at canary 10, which is neither "
                        + "legacy nor one of its steps [canary 25, live]");
    }

    @Test
    void takesAShadowStepOnlyWhenStageRulesAllowTheShadowStage() {
        // a step is whatever StageRules allows for the route: the same answer as for a manual change to shadow
        if (shadowAllowedForReads()) {
            assertThat(load(HEADER + reads("""
                          steps: [shadow, canary 25, live]
                          min-duration: 1m
                          min-requests: 1
                    """)).route("reads").automation().labels()).containsExactly("shadow", "canary 25", "live");
            return;
        }
        assertThatThrownBy(() -> load(HEADER + reads("""
                      steps: [shadow, canary 25, live]
                      min-duration: 1m
                      min-requests: 1
                """))).hasMessageContaining("route 'reads': automation: step 'shadow': stage 'shadow' is not available yet");
    }

    private static boolean shadowAllowedForReads() {
        try {
            StageRules.check(Set.of(HttpMethod.GET), "shadow", null);
            return true;
        }
        catch (StageRules.StageRefused refused) {
            return false;
        }
    }

    private static String reads(String automation) {
        return """
                  - id: reads
                    paths: [/api/catalog/**]
                    methods: [GET]
                    service: catalog-service
                    automation:
                """ + automation.indent(2);
    }

    private static String writes(String steps) {
        return """
                  - id: writes
                    paths: [/api/catalog/**]
                    methods: [POST, PUT]
                    service: catalog-service
                    automation: {steps: %s, min-duration: 1m, min-requests: 1}
                """.formatted(steps);
    }

    private static MigrationPlan load(String yaml) {
        return MigrationPlanLoader.load(new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8), "test plan") {
            @Override
            public String getFilename() {
                return "plan.yml";
            }
        }, null);
    }
}
