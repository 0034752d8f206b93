package io.ficus.gateway;

import java.time.Duration;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Route stats tell requests, backend errors, fallbacks and breaker rejections apart; breaker changes and fallback
 * bursts are logged; the breaker state shown is the current one.
 */
@ExtendWith(OutputCaptureExtension.class)
class RouteStatsTests {

    static WireMockServer legacy;
    static WireMockServer service;
    static WireMockServer flaky;
    static GatewayInstance gateway;

    @BeforeAll
    static void start() {
        legacy = Backends.started("legacy");
        service = Backends.started("service");
        flaky = Backends.started("flaky");
        Map<String, Object> properties = GatewayInstance.defaults(TestDatabase.newDatabaseUrl(), legacy, service);
        properties.put("test.flaky-url", flaky.baseUrl());
        properties.put("ficus.gateway.circuit-breaker.wait-duration-in-open-state", "3s");
        gateway = GatewayInstance.start(properties);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        legacy.stop();
        service.stop();
        flaky.stop();
    }

    @Test
    void countsRequestsErrorsFallbacksAndRejectionsApartAndLogsTheBreakerAndFallbacks(CapturedOutput output) {
        flaky.stubFor(any(anyUrl()).atPriority(1).willReturn(aResponse().withStatus(500)));
        gateway.move("flaky-reads", "canary", 100);

        // the breaker judges after 5 calls (all failed): it opens, and the next 7 never reach the service
        for (int i = 0; i < 12; i++) {
            gateway.client().get().uri("/api/flaky/" + i).exchange().expectStatus().isOk()
                    .expectBody(String.class).isEqualTo("legacy");
        }

        Map<?, ?> stats = (Map<?, ?>) route("flaky-reads").get("stats");
        Map<?, ?> serviceSide = (Map<?, ?>) stats.get("service");
        Map<?, ?> legacySide = (Map<?, ?>) stats.get("legacy");
        assertThat(serviceSide.get("requests")).isEqualTo(5);
        assertThat(serviceSide.get("errors")).isEqualTo(5);
        assertThat(serviceSide.get("rejections")).isEqualTo(7);
        assertThat(serviceSide.get("fallbacks")).isEqualTo(12);
        assertThat(legacySide.get("requests")).isEqualTo(12);
        assertThat(legacySide.get("errors")).isEqualTo(0);
        assertThat(route("flaky-reads").get("circuitBreaker")).isEqualTo("open");

        assertThat(output.getOut()).contains("Circuit breaker of flaky-service: CLOSED -> OPEN")
                .contains("Route flaky-reads: fell back to legacy (flaky-service answered 500)");
        assertThat(output.getOut().split("fell back to legacy", -1)).as("one line per burst, not per fallback")
                .hasSizeLessThanOrEqualTo(3);

        // shown as it is now, without a request having to look at it first
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(route("flaky-reads").get("circuitBreaker")).isEqualTo("half_open"));
        assertThat(output.getOut()).contains("Circuit breaker of flaky-service: OPEN -> HALF_OPEN");
        gateway.move("flaky-reads", "legacy", null);
    }

    @Test
    void exposesTheSeparateCountersOnPrometheus() {
        gateway.client().get().uri("/api/catalog/items").exchange().expectStatus().isOk();

        String metrics = gateway.managementAnonymous().get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(metrics).contains("ficus_gateway_errors_total{route=\"catalog-reads\",side=\"service\"")
                .contains("ficus_gateway_fallbacks_total{route=\"catalog-reads\",side=\"service\"")
                .contains("ficus_gateway_rejections_total{route=\"catalog-reads\",side=\"service\"");
    }

    private static Map<?, ?> route(String id) {
        return gateway.admin().get().uri("/admin/routes/{id}", id).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
    }
}
