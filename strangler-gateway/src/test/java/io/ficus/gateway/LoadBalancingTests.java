package io.ficus.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.ficus.gateway.routing.BackendTargets;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A service with two instances (docs/adr/0018): reads alternate between them; an instance that stops is taken out
 * at its first refused connection (the read is retried on the other, nobody sees a failure), stays out while its
 * health check fails, and gets requests again once it passes; a write is never retried; one dead instance does not
 * open the service's breaker.
 */
class LoadBalancingTests {

    static WireMockServer legacy;
    static WireMockServer first;
    static WireMockServer second;
    static int secondPort;
    static GatewayInstance gateway;

    @BeforeAll
    static void start() {
        legacy = Backends.started("legacy");
        first = Backends.started("first");
        second = Backends.started("second");
        secondPort = second.port();
        Map<String, Object> properties = GatewayInstance.defaults(TestDatabase.newDatabaseUrl(), legacy.baseUrl(),
                first.baseUrl() + ", " + second.baseUrl());
        properties.put("test.service-health-path", "/ready");
        properties.put("ficus.gateway.load-balancing.health-interval", "200ms");
        properties.put("test.dns-url", "http://localhost:" + first.port());
        gateway = GatewayInstance.start(properties);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        legacy.stop();
        first.stop();
        second.stop();
    }

    @BeforeEach
    void liveOnTheService() {
        Backends.answerWithName(first, "first");
        Backends.answerWithName(second, "second");
        gateway.move("catalog-reads", "live", null);
        gateway.move("catalog-writes", "live", null);
        // an earlier test's stopped instance is back once its health check passed and its ejection ended
        await().atMost(10, TimeUnit.SECONDS).until(() -> available(first.port()) + available(secondPort) == 2);
    }

    @AfterEach
    void backToLegacy() {
        if (!second.isRunning()) {
            restartSecond();
        }
        gateway.move("catalog-reads", "legacy", null);
        gateway.move("catalog-writes", "legacy", null);
    }

    @Test
    void readsAlternateBetweenTheInstances() {
        List<String> answers = reads(10);

        assertThat(answers).containsOnly("first", "second");
        assertThat(answers.stream().filter("first"::equals).count()).isEqualTo(5);
        assertThat(requestsTo(first)).isGreaterThanOrEqualTo(5);
        assertThat(requestsTo(second)).isGreaterThanOrEqualTo(5);
    }

    @Test
    void aStoppedInstanceIsTakenOutWithoutAFailedReadAndComesBackWhenItsHealthCheckPasses() {
        second.stop();

        List<String> answers = reads(20);
        assertThat(answers).as("every read answered, by the instance left").containsOnly("first");
        await().atMost(5, TimeUnit.SECONDS).until(() -> available(secondPort) == 0);
        double sentToSecond = requestsTo(secondPort);
        reads(10);
        assertThat(requestsTo(secondPort)).as("requests to the stopped instance while it is out")
                .isEqualTo(sentToSecond);
        assertThat(breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);

        restartSecond();
        await().atMost(10, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(100))
                .until(() -> reads(2).contains("second"));
    }

    @Test
    void anInstanceWhoseHealthCheckFailsGetsNoRequests() {
        second.stubFor(get(urlEqualTo("/ready")).willReturn(aResponse().withStatus(503)));
        await().atMost(5, TimeUnit.SECONDS).until(() -> available(secondPort) == 0);

        assertThat(reads(6)).containsOnly("first");

        Backends.answerWithName(second, "second");
        await().atMost(5, TimeUnit.SECONDS).until(() -> available(secondPort) == 1);
        assertThat(reads(6)).contains("first", "second");
    }

    @Test
    void aWriteToAStoppedInstanceIsNotRetried() {
        second.stop();
        int failed = 0;
        for (int i = 0; i < 4; i++) {
            int status = gateway.client().post().uri("/api/catalog/things").bodyValue("{}").exchange()
                    .returnResult(String.class).getStatus().value();
            if (status != 200) {
                assertThat(status).as("a write that reached no instance").isEqualTo(502);
                failed++;
            }
        }
        // at most the write that found the instance gone fails (it is out after that); it is not sent on
        assertThat(failed).isLessThanOrEqualTo(1);
        first.verify(4 - failed, postRequestedFor(urlEqualTo("/api/catalog/things")));
        assertThat(breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aBackendDiscoveredByDnsHasAnInstancePerAddressOfItsHost() {
        gateway.move("dns-reads", "live", null);
        try {
            // localhost resolves to 127.0.0.1 here: one instance, named by its address
            await().atMost(10, TimeUnit.SECONDS).until(() -> gateway.bean(MeterRegistry.class)
                    .find(BackendTargets.INSTANCE_REQUESTS).tag("backend", "dns-service")
                    .tag("instance", "127.0.0.1:" + first.port()).counter() != null);
            gateway.client().get().uri("/api/dns/things").exchange()
                    .expectStatus().isOk().expectBody(String.class).isEqualTo("first");
            assertThat(gateway.bean(MeterRegistry.class).get(BackendTargets.INSTANCE_REQUESTS)
                    .tag("backend", "dns-service").tag("instance", "127.0.0.1:" + first.port()).counter().count())
                    .isEqualTo(1);
        }
        finally {
            gateway.move("dns-reads", "legacy", null);
        }
    }

    private static List<String> reads(int count) {
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            answers.add(gateway.client().get().uri("/api/catalog/products").exchange()
                    .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
        }
        return answers;
    }

    private static void restartSecond() {
        second = new WireMockServer(options().port(secondPort).bindAddress("127.0.0.1").containerThreads(40)
                .jettyAcceptors(2));
        second.start();
        Backends.answerWithName(second, "second");
    }

    private static double requestsTo(WireMockServer server) {
        return requestsTo(server.port());
    }

    private static double requestsTo(int port) {
        return gateway.bean(MeterRegistry.class).get(BackendTargets.INSTANCE_REQUESTS)
                .tag("backend", "catalog-service").tag("instance", "localhost:" + port).counter().count();
    }

    private static double available(int port) {
        return gateway.bean(MeterRegistry.class).get(BackendTargets.INSTANCE_AVAILABLE)
                .tag("backend", "catalog-service").tag("instance", "localhost:" + port).gauge().value();
    }

    private static CircuitBreaker breaker() {
        return gateway.bean(CircuitBreakerRegistry.class).circuitBreaker("catalog-service");
    }
}
