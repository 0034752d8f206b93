package io.ficus.gateway;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client cannot hurt a backend's standing: the breaker counts refused, reset and timed-out connections and
 * 5xx, never a 4xx, a WebSocket upgrade (refused here) or a request the gateway itself refused.
 */
class BackendFaultTests {

    static WireMockServer legacy;
    static WireMockServer service;
    static GatewayInstance gateway;

    @BeforeAll
    static void start() {
        legacy = Backends.started("legacy");
        service = Backends.started("service");
        Map<String, Object> properties = GatewayInstance.defaults(TestDatabase.newDatabaseUrl(), legacy, service);
        properties.put("ficus.gateway.limits.max-body-size", "1KB");
        gateway = GatewayInstance.start(properties);
        gateway.move("catalog-reads", "live", null);
        gateway.move("catalog-writes", "live", null);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        legacy.stop();
        service.stop();
    }

    @BeforeEach
    void reset() {
        Backends.answerWithName(service, "service");
        breaker().reset();
    }

    @Test
    void neverCountsClientErrorsAgainstTheService() {
        service.stubFor(any(urlPathMatching("/api/catalog/secret.*")).atPriority(1)
                .willReturn(aResponse().withStatus(401)));
        for (int i = 0; i < 12; i++) {
            gateway.client().get().uri("/api/catalog/secret/" + i).exchange().expectStatus().isUnauthorized();
        }

        assertThat(breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker().getMetrics().getNumberOfFailedCalls()).isZero();
        assertThat(breaker().getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(10);
    }

    @Test
    void refusesWebSocketUpgradesWithoutTouchingTheServiceOrItsBreaker() {
        for (int i = 0; i < 6; i++) {
            gateway.client().get().uri("/api/catalog/live-updates").header("Upgrade", "websocket")
                    .header("Connection", "Upgrade").header("Sec-WebSocket-Version", "13")
                    .header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
                    .exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.type").isEqualTo("urn:ficus:gateway:websocket-not-proxied");
        }

        service.verify(0, anyRequestedFor(urlPathMatching("/api/catalog/live-updates")));
        assertThat(breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker().getMetrics().getNumberOfBufferedCalls()).isZero();
        gateway.client().get().uri("/api/catalog/items").exchange().expectStatus().isOk()
                .expectBody(String.class).isEqualTo("service");
    }

    @Test
    void neverCountsARequestTheGatewayRefusedAgainstTheService() {
        for (int i = 0; i < 6; i++) {
            gateway.client().post().uri("/api/catalog/items").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("x".repeat(2_000)).exchange().expectStatus().isEqualTo(413);
        }

        assertThat(breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker().getMetrics().getNumberOfBufferedCalls()).isZero();
    }

    @Test
    void countsServerErrorsAgainstTheService() {
        service.stubFor(any(urlPathMatching("/api/catalog/broken.*")).atPriority(1)
                .willReturn(aResponse().withStatus(500)));
        for (int i = 0; i < 3; i++) {
            gateway.client().get().uri("/api/catalog/broken/" + i).exchange().expectStatus().isEqualTo(500);
        }

        assertThat(breaker().getMetrics().getNumberOfFailedCalls()).isEqualTo(3);
    }

    private static CircuitBreaker breaker() {
        return gateway.bean(CircuitBreakerRegistry.class).circuitBreaker("catalog-service");
    }
}
