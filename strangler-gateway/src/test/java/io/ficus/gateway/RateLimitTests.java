package io.ficus.gateway;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/** The in-memory per-caller rate limit (the default store when no Redis is configured). */
class RateLimitTests {

    static WireMockServer legacy;
    static GatewayInstance gateway;

    @BeforeAll
    static void start() {
        legacy = Backends.started("legacy");
        Map<String, Object> properties = GatewayInstance.defaults(TestDatabase.newDatabaseUrl(), legacy, legacy);
        properties.put("ficus.gateway.rate-limit.enabled", "true");
        properties.put("ficus.gateway.rate-limit.limit", "5");
        properties.put("ficus.gateway.rate-limit.window", "30s");
        gateway = GatewayInstance.start(properties);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        legacy.stop();
    }

    @Test
    void answers429WithRetryAfterOnceACallerIsOverItsLimit() {
        for (int i = 0; i < 5; i++) {
            gateway.client().get().uri("/limited").header("X-User-Id", "greedy").exchange().expectStatus().isOk();
        }

        gateway.client().get().uri("/limited").header("X-User-Id", "greedy").exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value("Retry-After", value -> assertThat(Long.parseLong(value)).isBetween(1L, 30L));
        gateway.client().get().uri("/limited").header("X-User-Id", "someone-else").exchange().expectStatus().isOk();
        assertThat(legacy.getAllServeEvents()).hasSize(6);
    }

    @Test
    void neverLimitsTheManagementPort() {
        for (int i = 0; i < 8; i++) {
            gateway.managementAnonymous().get().uri("/actuator/health").header("X-User-Id", "prober")
                    .exchange().expectStatus().isOk();
        }
    }
}
