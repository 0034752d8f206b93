package io.ficus.gateway;

import java.time.Duration;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.http.MediaType;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/** Timeouts, fallback to legacy, retries and the circuit breaker: a failing backend never hangs a caller. */
class ResilienceTests {

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
        properties.put("ficus.gateway.circuit-breaker.wait-duration-in-open-state", "30s");
        gateway = GatewayInstance.start(properties);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        legacy.stop();
        service.stop();
        flaky.stop();
    }

    @BeforeEach
    void reset() {
        Backends.answerWithName(legacy, "legacy");
        Backends.answerWithName(service, "service");
        Backends.answerWithName(flaky, "flaky");
    }

    @Test
    void closesIdlePooledConnectionsBeforeBackendsDropThem() {
        HttpClientProperties.Pool pool = gateway.bean(HttpClientProperties.class).getPool();

        // Node's default keep-alive (5 s) is the shortest common one; Tomcat 60 s, nginx 75 s
        assertThat(pool.getMaxIdleTime()).isNotNull().isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void fallsBackToLegacyWhenTheServiceFailsASafeRequestInCanary() {
        gateway.move("catalog-reads", "canary", 100);
        service.stubFor(get(urlPathMatching("/api/catalog/broken.*")).willReturn(aResponse().withStatus(503)));
        try {
            gateway.client().get().uri("/api/catalog/broken").exchange()
                    .expectStatus().isOk().expectBody(String.class).isEqualTo("legacy");
            service.verify(getRequestedFor(urlEqualTo("/api/catalog/broken")));
        }
        finally {
            gateway.move("catalog-reads", "legacy", null);
        }
    }

    @Test
    void fallsBackToLegacyWhenTheServiceIsDownInCanary() {
        gateway.move("dead-reads", "canary", 100);
        try {
            gateway.client().get().uri("/api/dead/things").exchange()
                    .expectStatus().isOk().expectBody(String.class).isEqualTo("legacy");
        }
        finally {
            gateway.move("dead-reads", "legacy", null);
        }
    }

    @Test
    void neverFallsBackOrRetriesAWrite() {
        // a write route is never at canary (docs/adr/0005-write-routes-move-in-one-step.md): at live, a failed
        // write is answered as it failed, once, and never sent to legacy
        gateway.move("catalog-writes", "live", null);
        service.stubFor(post(urlPathMatching("/api/catalog/orders.*")).willReturn(aResponse().withStatus(500)));
        try {
            gateway.client().post().uri("/api/catalog/orders").bodyValue("{}").exchange()
                    .expectStatus().isEqualTo(500);
            service.verify(1, postRequestedFor(urlEqualTo("/api/catalog/orders")));
            legacy.verify(0, anyRequestedFor(urlEqualTo("/api/catalog/orders")));
        }
        finally {
            gateway.move("catalog-writes", "legacy", null);
        }
    }

    @Test
    void answersARefusedConnectionWithProblem502SayingRefused() {
        gateway.move("dead-writes", "live", null);
        try {
            gateway.client().post().uri("/api/dead/things").bodyValue("{}").exchange()
                    .expectStatus().isEqualTo(502)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.status").isEqualTo(502)
                    .jsonPath("$.detail").isEqualTo("connection to dead-service refused");
        }
        finally {
            gateway.move("dead-writes", "legacy", null);
        }
    }

    @Test
    void answersASlowBackendWithProblem504AfterItsResponseTimeout() {
        legacy.stubFor(any(urlPathMatching("/slow.*")).willReturn(aResponse().withStatus(200).withFixedDelay(5_000)));

        gateway.client().post().uri("/slow").bodyValue("{}").exchange()
                .expectStatus().isEqualTo(504)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isEqualTo("legacy did not answer in time");
    }

    private static String breakerOf(String route) {
        return (String) gateway.admin().get().uri("/admin/routes/{id}", route).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("circuitBreaker");
    }

    @Test
    void retriesAnIdempotentRequestOnceWhenTheConnectionFailsButNotAPost() {
        legacy.stubFor(any(urlEqualTo("/retry")).inScenario("retry").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("recovered"));
        legacy.stubFor(any(urlEqualTo("/retry")).inScenario("retry").whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(200).withBody("second try")));

        gateway.client().get().uri("/retry").exchange().expectStatus().isOk()
                .expectBody(String.class).isEqualTo("second try");
        legacy.verify(2, getRequestedFor(urlEqualTo("/retry")));

        legacy.resetScenarios();
        gateway.client().post().uri("/retry").bodyValue("{}").exchange().expectStatus().isEqualTo(502)
                .expectBody().jsonPath("$.detail").isEqualTo("connection to legacy reset or closed before it answered");
        legacy.verify(1, postRequestedFor(urlEqualTo("/retry")));
    }

    @Test
    void opensTheCircuitWithinAFewFailuresThenAnswersWithoutCallingTheService() {
        flaky.stubFor(any(anyUrl()).atPriority(1).willReturn(aResponse().withStatus(500)));
        gateway.move("flaky-reads", "live", null);
        try {
            for (int i = 0; i < 5; i++) {
                gateway.client().get().uri("/api/flaky/" + i).exchange().expectStatus().isEqualTo(500);
            }
            int callsWhenOpened = flaky.countRequestsMatching(anyRequestedFor(anyUrl()).build()).getCount();

            assertThat(breakerOf("flaky-reads")).isEqualTo("open");
            gateway.client().get().uri("/api/flaky/after").exchange()
                    .expectStatus().isEqualTo(503)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectHeader().exists("Retry-After");
            assertThat(flaky.countRequestsMatching(anyRequestedFor(anyUrl()).build()).getCount()).isEqualTo(callsWhenOpened);

            // in canary, a safe request meeting an open circuit is answered by legacy instead
            gateway.move("flaky-reads", "canary", 100);
            gateway.client().get().uri("/api/flaky/canary").exchange()
                    .expectStatus().isOk().expectBody(String.class).isEqualTo("legacy");
        }
        finally {
            gateway.move("flaky-reads", "legacy", null);
        }
    }
}
