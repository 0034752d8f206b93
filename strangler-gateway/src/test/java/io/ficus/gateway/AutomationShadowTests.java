package io.ficus.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.ficus.gateway.AutomationTests.BOUND;
import static io.ficus.gateway.AutomationTests.audit;
import static io.ficus.gateway.AutomationTests.automation;
import static io.ficus.gateway.AutomationTests.route;
import static io.ficus.gateway.AutomationTests.traffic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Automatic progression from the shadow stage, judged on what shadow traffic compared (the shadow stage's
 * ShadowEvidence): matching answers promote, differing ones roll back (automation-shadow-plan.yml).
 */
class AutomationShadowTests {

    static WireMockServer legacy;
    static WireMockServer service;
    static GatewayInstance gateway;

    @BeforeAll
    static void start() {
        legacy = Backends.started("legacy");
        service = Backends.started("service");
        // equal answers on one path, a different price on the other
        for (WireMockServer backend : List.of(legacy, service)) {
            backend.stubFor(get(urlPathMatching("/api/shadowed/.*")).atPriority(1).willReturn(okJson(
                    "{\"sku\": \"FIC-001\", \"price\": \"21.50\"}")));
        }
        legacy.stubFor(get(urlPathMatching("/api/mismatched/.*")).atPriority(1).willReturn(okJson(
                "{\"sku\": \"FIC-001\", \"price\": \"21.50\"}")));
        service.stubFor(get(urlPathMatching("/api/mismatched/.*")).atPriority(1).willReturn(okJson(
                "{\"sku\": \"FIC-001\", \"price\": \"0.00\"}")));
        Map<String, Object> properties = GatewayInstance.defaults(TestDatabase.newDatabaseUrl(), legacy, service);
        properties.put("ficus.gateway.plan", "classpath:automation-shadow-plan.yml");
        properties.put("ficus.gateway.automation.check-interval", "200ms");
        properties.put("ficus.gateway.canary.override.enabled", "true");
        gateway = GatewayInstance.start(properties);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        legacy.stop();
        service.stop();
    }

    @Test
    void startsAtShadowAndPromotesOnComparedExchangesThatMatch() {
        await().atMost(BOUND).pollInterval(Duration.ofMillis(50)).until(() -> {
            traffic(gateway, "/api/shadowed/FIC-001", 5);
            return "live".equals(route(gateway, "shadowed-reads").get("stage"));
        });

        List<Map<String, Object>> audit = audit(gateway, "shadowed-reads");
        assertThat(audit).extracting(entry -> entry.get("toStage") + " " + entry.get("toPercent"))
                .containsExactly("live 100", "canary 25", "shadow 0");
        Map<String, Object> fromShadow = audit.get(1);
        assertThat((String) fromShadow.get("reason")).startsWith("automation: promoted from shadow after")
                .contains("compared exchanges").contains("mismatch rate 0 %");
        Map<?, ?> figures = (Map<?, ?>) fromShadow.get("figures");
        assertThat(((Number) figures.get("compared")).longValue()).isGreaterThanOrEqualTo(10);
        assertThat(figures.get("mismatches")).isEqualTo(0);
        assertThat(figures.get("step")).isEqualTo("shadow");
    }

    @Test
    void rollsBackFromShadowWhenTheServicesAnswersDiffer() {
        await().atMost(BOUND).pollInterval(Duration.ofMillis(50)).until(() -> {
            traffic(gateway, "/api/mismatched/FIC-001", 5);
            return "rolled-back".equals(automation(gateway, "mismatched-reads").get("state"));
        });

        Map<String, Object> rollback = audit(gateway, "mismatched-reads").get(0);
        assertThat(rollback.get("fromStage")).isEqualTo("shadow");
        assertThat(rollback.get("toStage")).isEqualTo("legacy");
        assertThat((String) rollback.get("reason")).startsWith("automation: rolled back from shadow: mismatch rate 100 %");
        Map<?, ?> figures = (Map<?, ?>) rollback.get("figures");
        assertThat(figures.get("mismatchRate")).isEqualTo(100.0);
    }
}
