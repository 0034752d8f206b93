package io.ficus.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.ficus.gateway.state.StageChanges;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Automatic progression on one gateway: healthy traffic moves a route step by step to live, a failing or slow service
 * rolls it back, a step waits for its minimum of requests, an operator's change pauses it until resumed. Every step
 * lasts 300 ms and 10 service requests (automation-plan.yml); the test forces each request's side with the override
 * header, so it knows how many requests each side had.
 */
class AutomationTests {

    static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() {
    };
    static final Duration BOUND = Duration.ofSeconds(60);

    static WireMockServer legacy;
    static WireMockServer healthy;
    static WireMockServer failing;
    static WireMockServer slow;
    static GatewayInstance gateway;

    @BeforeAll
    static void start() {
        legacy = Backends.started("legacy");
        healthy = Backends.started("service");
        failing = Backends.started("failing");
        failing.stubFor(any(anyUrl()).atPriority(1).willReturn(aResponse().withStatus(500)));
        slow = Backends.started("slow");
        slow.stubFor(any(anyUrl()).atPriority(1).willReturn(aResponse().withStatus(200).withBody("slow")
                .withFixedDelay(2000)));
        gateway = GatewayInstance.start(properties(TestDatabase.newDatabaseUrl()));
    }

    static Map<String, Object> properties(String database) {
        Map<String, Object> properties = GatewayInstance.defaults(database, legacy, healthy);
        properties.put("ficus.gateway.plan", "classpath:automation-plan.yml");
        properties.put("test.failing-url", failing.baseUrl());
        properties.put("test.slow-url", slow.baseUrl());
        properties.put("ficus.gateway.automation.check-interval", "200ms");
        properties.put("ficus.gateway.canary.override.enabled", "true");
        return properties;
    }

    @AfterAll
    static void stop() {
        gateway.close();
        legacy.stop();
        healthy.stop();
        failing.stop();
        slow.stop();
    }

    @Test
    void promotesAHealthyRouteStepByStepToLiveWithTheFiguresOnEachAuditEntry() {
        await().atMost(BOUND).pollInterval(Duration.ofMillis(50)).until(() -> {
            traffic(gateway, "/api/healthy/items", 5);
            return "live".equals(route(gateway, "healthy-reads").get("stage"));
        });
        // the automation records its own state after the stage change it made
        await().atMost(BOUND).until(() -> "finished".equals(automation(gateway, "healthy-reads").get("state")));

        List<Map<String, Object>> audit = audit(gateway, "healthy-reads");
        assertThat(audit).extracting(entry -> entry.get("toStage") + " " + entry.get("toPercent"))
                .containsExactly("live 100", "canary 50", "canary 25");
        assertThat(audit).allSatisfy(entry -> assertThat(entry.get("changedBy")).isEqualTo("automation"));
        for (Map<String, Object> promotion : audit.subList(0, 2)) {
            Map<?, ?> figures = (Map<?, ?>) promotion.get("figures");
            assertThat(((Number) figures.get("serviceRequests")).longValue()).isGreaterThanOrEqualTo(10);
            assertThat(((Number) figures.get("legacyRequests")).longValue()).isPositive();
            assertThat(((Number) figures.get("elapsedMillis")).longValue()).isGreaterThanOrEqualTo(300);
            assertThat(((Number) figures.get("serviceErrorRate")).doubleValue()).isLessThanOrEqualTo(30);
            assertThat(((Number) figures.get("p99Ratio")).doubleValue()).isLessThanOrEqualTo(20);
            assertThat((String) promotion.get("reason")).startsWith("automation: promoted from canary");
        }
        assertThat(audit.get(2).get("reason")).isEqualTo("automation: started: legacy to canary 25");
        Map<?, ?> automation = automation(gateway, "healthy-reads");
        assertThat(automation.get("state")).isEqualTo("finished");
        assertThat(automation.get("step")).isEqualTo("live");
        assertThat(automation.get("stepIndex")).isEqualTo(2);
        assertThat(automation.get("steps")).isEqualTo(List.of("canary 25", "canary 50", "live"));
        assertThat(automation.get("leader")).isEqualTo(true);
    }

    @Test
    void keepsTheCallerGroupsOnEachCanaryStepAndDropsThemAtLive() {
        assertThat(route(gateway, "staff-first-reads").get("callerGroups")).isEqualTo(List.of("staff"));
        await().atMost(BOUND).pollInterval(Duration.ofMillis(50)).until(() -> {
            traffic(gateway, "/api/staff-first/items", 5);
            return "live".equals(route(gateway, "staff-first-reads").get("stage"));
        });

        assertThat(audit(gateway, "staff-first-reads")).extracting(entry -> entry.get("fromStage") + " "
                + entry.get("fromPercent") + " " + entry.get("fromCallerGroups") + " -> " + entry.get("toStage") + " "
                + entry.get("toPercent") + " " + entry.get("toCallerGroups"))
                .containsExactly("canary 50 [staff] -> live 100 []", "canary 25 [staff] -> canary 50 [staff]");
        assertThat(route(gateway, "staff-first-reads").get("callerGroups")).isEqualTo(List.of());
    }

    @Test
    void rollsBackToLegacyWhenTheServiceAnswersErrors() {
        await().atMost(BOUND).pollInterval(Duration.ofMillis(50)).until(() -> {
            traffic(gateway, "/api/failing/items", 5);
            return "rolled-back".equals(automation(gateway, "failing-reads").get("state"));
        });

        assertThat(route(gateway, "failing-reads").get("stage")).isEqualTo("legacy");
        Map<String, Object> rollback = audit(gateway, "failing-reads").get(0);
        assertThat(rollback.get("changedBy")).isEqualTo("automation");
        assertThat(rollback.get("fromStage")).isEqualTo("canary");
        assertThat(rollback.get("toStage")).isEqualTo("legacy");
        assertThat((String) rollback.get("reason")).startsWith("automation: rolled back from canary 25: service error rate 100 %");
        Map<?, ?> figures = (Map<?, ?>) rollback.get("figures");
        assertThat(((Number) figures.get("serviceErrors")).longValue()).isGreaterThanOrEqualTo(10);
        assertThat(figures.get("serviceErrorRate")).isEqualTo(100.0);
        assertThat(figures.get("legacyErrorRate")).isEqualTo(0.0);
    }

    @Test
    void rollsBackToLegacyWhenTheServiceIsSlowerThanLegacyBeyondTheP99Ratio() {
        await().atMost(BOUND).pollInterval(Duration.ofMillis(50)).until(() -> {
            traffic(gateway, "/api/slow/items", 3);
            return "rolled-back".equals(automation(gateway, "slow-reads").get("state"));
        });

        Map<String, Object> rollback = audit(gateway, "slow-reads").get(0);
        assertThat(rollback.get("toStage")).isEqualTo("legacy");
        assertThat((String) rollback.get("reason")).contains("p99").contains("max 3");
        Map<?, ?> figures = (Map<?, ?>) rollback.get("figures");
        assertThat(((Number) figures.get("p99Ratio")).doubleValue()).isGreaterThan(3);
        assertThat(((Number) figures.get("serviceP99Millis")).doubleValue()).isGreaterThanOrEqualTo(2000);
        assertThat(figures.get("serviceErrors")).isEqualTo(0);
    }

    @Test
    void holdsAStepUntilItsMinimumOfRequestsThenPromotes() {
        awaitStep(gateway, "patient-reads", "canary 25");

        traffic(gateway, "/api/patient/items", 5);

        // the lock holder has judged the step on those 5 requests after its min-duration, and waits
        await().atMost(BOUND).untilAsserted(() -> {
            Map<?, ?> figures = (Map<?, ?>) automation(gateway, "patient-reads").get("figures");
            assertThat(figures).isNotNull();
            assertThat(figures.get("serviceRequests")).isEqualTo(5);
            assertThat(((Number) figures.get("elapsedMillis")).longValue()).isGreaterThanOrEqualTo(300);
        });
        assertThat(route(gateway, "patient-reads").get("stage")).isEqualTo("canary");
        assertThat(route(gateway, "patient-reads").get("percent")).isEqualTo(25);
        assertThat((String) automation(gateway, "patient-reads").get("lastDecision"))
                .contains("5 of min-requests 30 service requests");

        traffic(gateway, "/api/patient/items", 25);

        awaitStep(gateway, "patient-reads", "canary 50");
        Map<?, ?> figures = (Map<?, ?>) audit(gateway, "patient-reads").get(0).get("figures");
        assertThat(figures.get("serviceRequests")).isEqualTo(30);
        // the next step is judged on a window of its own: none of the 30 requests count there
        await().atMost(BOUND).untilAsserted(() -> {
            Map<?, ?> next = (Map<?, ?>) automation(gateway, "patient-reads").get("figures");
            assertThat(next.get("step")).isEqualTo("canary 50");
            assertThat(next.get("serviceRequests")).isEqualTo(0);
        });
    }

    @Test
    void pausesOnAManualChangeAndGoesOnFromThereWhenResumed() {
        awaitStep(gateway, "manual-reads", "canary 25");

        gateway.move("manual-reads", "canary", 50);

        await().atMost(BOUND).untilAsserted(() -> assertThat(automation(gateway, "manual-reads").get("state"))
                .isEqualTo("paused"));
        Map<?, ?> paused = automation(gateway, "manual-reads");
        assertThat(paused.get("pausedBy")).isEqualTo(GatewayInstance.ADMIN_USER);
        assertThat(paused.get("pausedReason")).isEqualTo("manual change to canary 50");
        assertThat(paused.get("lastDecision")).isEqualTo("paused by admin: manual change to canary 50");

        traffic(gateway, "/api/manual/items", 15);
        Instant afterTraffic = Instant.now();
        // the lock holder has looked at the route since the traffic that would have promoted it, and left it alone
        await().atMost(BOUND).untilAsserted(() -> assertThat(
                Instant.parse((String) automation(gateway, "manual-reads").get("checkedAt"))).isAfter(afterTraffic));
        assertThat(route(gateway, "manual-reads").get("percent")).isEqualTo(50);
        assertThat(automation(gateway, "manual-reads").get("state")).isEqualTo("paused");

        gateway.admin().post().uri("/admin/routes/manual-reads/automation/resume")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"reason\": \"checked the canary\"}")
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.automation.state").isEqualTo("running")
                .jsonPath("$.automation.step").isEqualTo("canary 50")
                .jsonPath("$.automation.stepIndex").isEqualTo(1);

        await().atMost(BOUND).pollInterval(Duration.ofMillis(50)).until(() -> {
            traffic(gateway, "/api/manual/items", 5);
            return "live".equals(route(gateway, "manual-reads").get("stage"));
        });
        Map<String, Object> promotion = audit(gateway, "manual-reads").get(0);
        assertThat(promotion.get("changedBy")).isEqualTo("automation");
        assertThat(promotion.get("fromPercent")).isEqualTo(50);
    }

    @Test
    void adoptsItsOwnChangesWhoseBookkeepingWasLostAndNeverRestartsAfterItsOwnRollback() {
        awaitStep(gateway, "recovering-reads", "canary 25");
        StageChanges changes = gateway.bean(StageChanges.class);

        // as if the lock holder had moved the route and died before recording it
        changes.change("recovering-reads", "canary", 50, "automation: promoted", null, "automation");
        awaitStep(gateway, "recovering-reads", "canary 50");
        assertThat(automation(gateway, "recovering-reads").get("state")).isEqualTo("running");

        changes.change("recovering-reads", "legacy", null, "automation: rolled back", null, "automation");
        await().atMost(BOUND).untilAsserted(() -> assertThat(automation(gateway, "recovering-reads").get("state"))
                .isEqualTo("rolled-back"));
        Instant adopted = Instant.now();
        await().atMost(BOUND).untilAsserted(() -> assertThat(
                Instant.parse((String) automation(gateway, "recovering-reads").get("checkedAt"))).isAfter(adopted));
        assertThat(route(gateway, "recovering-reads").get("stage")).isEqualTo("legacy");
        assertThat(automation(gateway, "recovering-reads").get("state")).isEqualTo("rolled-back");
    }

    @Test
    void pausesAndResumesThroughTheAdminApiWithProblemsForWhatCannotBeDone() {
        gateway.admin().post().uri("/admin/routes/writes/automation/pause").exchange()
                .expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isEqualTo("the automation of route 'writes' is finished, not running");
        gateway.admin().post().uri("/admin/routes/nope/automation/resume").exchange()
                .expectStatus().isNotFound();
        gateway.admin().get().uri("/admin/routes/writes/automation/pause").exchange()
                .expectStatus().isEqualTo(405).expectHeader().valueEquals("Allow", "POST");
        // a write route's only step is live (ADR 0005): taken at once, and the automation is done
        assertThat(route(gateway, "writes").get("stage")).isEqualTo("live");
        gateway.managementAnonymous().post().uri("/admin/routes/writes/automation/resume")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"reason\": \"x\"}").exchange()
                .expectStatus().isUnauthorized();
    }

    /**
     * Sends {@code perSide} requests to each side, forced by the override header (ignored outside a canary). Answers
     * are not checked: the automation judges them, and on a loaded machine a backend may time out now and then.
     */
    static void traffic(GatewayInstance gateway, String path, int perSide) {
        for (int i = 0; i < perSide; i++) {
            for (String side : List.of("service", "legacy")) {
                gateway.client().get().uri(path).header("X-Ficus-Side", side).exchange().expectBody(String.class)
                        .returnResult();
            }
        }
    }

    static void awaitStep(GatewayInstance gateway, String routeId, String step) {
        await().atMost(BOUND).untilAsserted(() -> assertThat(automation(gateway, routeId).get("step")).isEqualTo(step));
    }

    static Map<String, Object> route(GatewayInstance gateway, String id) {
        return gateway.admin().get().uri("/admin/routes/{id}", id).exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody();
    }

    static Map<?, ?> automation(GatewayInstance gateway, String id) {
        return (Map<?, ?>) route(gateway, id).get("automation");
    }

    static List<Map<String, Object>> audit(GatewayInstance gateway, String routeId) {
        return gateway.admin().get().uri("/admin/audit?route={id}", routeId).exchange().expectStatus().isOk()
                .expectBody(LIST).returnResult().getResponseBody();
    }
}
