package io.ficus.gateway;

import java.time.Duration;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Route stages live in PostgreSQL: they survive a restart and reach every replica on the same database. */
class PersistenceTests {

    static WireMockServer legacy;
    static WireMockServer service;

    @BeforeAll
    static void start() {
        legacy = Backends.started("legacy");
        service = Backends.started("service");
    }

    @AfterAll
    static void stop() {
        legacy.stop();
        service.stop();
    }

    @Test
    void resumesWhereItWasAfterARestartNotAtThePlansInitialStage() {
        Map<String, Object> properties = GatewayInstance.defaults(TestDatabase.newDatabaseUrl(), legacy, service);
        try (GatewayInstance first = GatewayInstance.start(properties)) {
            first.move("catalog-reads", "live", null);
            first.move("flaky-reads", "canary", 25);
        }

        try (GatewayInstance restarted = GatewayInstance.start(properties)) {
            restarted.client().get().uri("/api/catalog/items").exchange().expectStatus().isOk()
                    .expectBody(String.class).isEqualTo("service");
            restarted.admin().get().uri("/admin/routes/flaky-reads").exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.stage").isEqualTo("canary").jsonPath("$.percent").isEqualTo(25);
            restarted.admin().get().uri("/admin/audit").exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.length()").isEqualTo(2);
        }
    }

    @Test
    void appliesAChangeMadeOnOneReplicaOnTheOther() {
        String database = TestDatabase.newDatabaseUrl();
        try (GatewayInstance one = GatewayInstance.start(GatewayInstance.defaults(database, legacy, service));
                GatewayInstance two = GatewayInstance.start(GatewayInstance.defaults(database, legacy, service))) {
            assertThat(body(two)).isEqualTo("legacy");

            one.move("catalog-reads", "live", null);

            // the poll interval is 500 ms; the bound is generous because the machine is shared
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .untilAsserted(() -> assertThat(body(two)).isEqualTo("service"));

            two.move("catalog-reads", "legacy", null);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .untilAsserted(() -> assertThat(body(one)).isEqualTo("legacy"));
        }
    }

    private static String body(GatewayInstance gateway) {
        return gateway.client().get().uri("/api/catalog/items").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }
}
