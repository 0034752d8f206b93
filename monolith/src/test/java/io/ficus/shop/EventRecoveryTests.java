package io.ficus.shop;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.ficus.shop.inventory.StockReserved;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Saga steps survive what happens to real processes: an application stopped while a step is failing
 * finishes it after restart, and a step abandoned mid-processing is found stale and run again.
 */
class EventRecoveryTests {

    private static final Duration BOUND = Duration.ofSeconds(20);

    @TempDir
    Path dataDirectory;

    private final String sku = "R-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();

    @BeforeEach
    void providerIsDown() {
        PaymentProviderStub.reset();
        PaymentProviderStub.server().stubFor(PaymentProviderStub.authorization().atPriority(1)
                .willReturn(aResponse().withStatus(503)));
    }

    @Test
    void completesIncompletePublicationAfterRestart() {
        UUID orderId;
        try (ConfigurableApplicationContext first = startShop()) {
            orderId = placeOrderThatStopsAtPayment(first);
        }
        PaymentProviderStub.reset();

        try (ConfigurableApplicationContext second = startShop()) {
            ShopHttp http = http(second);
            await().atMost(BOUND).until(() -> http.get("/api/orders/" + orderId).json().get("status").asString(),
                    "CONFIRMED"::equals);
            assertThat(new EventRegistry(second.getBean(JdbcClient.class)).incompleteFor(StockReserved.class)).isZero();
        }
    }

    @Test
    void resubmitsPublicationAbandonedWhileProcessing() {
        try (ConfigurableApplicationContext shop = startShop(
                "spring.modulith.events.staleness.processing=1s",
                "spring.modulith.events.staleness.check-interval=200ms")) {
            UUID orderId = placeOrderThatStopsAtPayment(shop);
            JdbcClient jdbc = shop.getBean(JdbcClient.class);
            // As if the node running the step had died halfway: PROCESSING, and old.
            jdbc.sql("update event_publication set status = 'PROCESSING', publication_date = now() - interval '1 hour',"
                    + " last_resubmission_date = null where event_type = :type and completion_date is null")
                    .param("type", StockReserved.class.getName()).update();
            PaymentProviderStub.reset();

            await().atMost(BOUND).until(() -> statusOfStockReservedPublication(jdbc), "FAILED"::equals);
            shop.getBean(FailedEventResubmitter.class).resubmitFailedPublications();

            ShopHttp http = http(shop);
            await().atMost(BOUND).until(() -> http.get("/api/orders/" + orderId).json().get("status").asString(),
                    "CONFIRMED"::equals);
        }
    }

    /** Places an order whose payment step fails and, with retries far apart, stays failed. */
    private UUID placeOrderThatStopsAtPayment(ConfigurableApplicationContext shop) {
        ShopHttp http = http(shop);
        http.stock(sku, "3.00", 5);
        ShopHttp.Response placed = http.postJson("/api/orders",
                "{\"customer\": \"rita@example.com\", \"lines\": [{\"sku\": \"" + sku + "\", \"quantity\": 1}]}");
        assertThat(placed.status()).isEqualTo(201);
        EventRegistry registry = new EventRegistry(shop.getBean(JdbcClient.class));
        await().atMost(BOUND).until(() -> PaymentProviderStub.server().countRequestsMatching(
                postRequestedFor(urlPathEqualTo(PaymentProviderStub.AUTHORIZATIONS)).build()).getCount() >= 1
                && "FAILED".equals(statusOfStockReservedPublication(shop.getBean(JdbcClient.class))));
        assertThat(registry.incompleteFor(StockReserved.class)).isOne();
        assertThat(http.get("/api/orders/" + placed.json().get("id").asString()).json().get("status").asString())
                .isEqualTo("PENDING");
        return UUID.fromString(placed.json().get("id").asString());
    }

    private static String statusOfStockReservedPublication(JdbcClient jdbc) {
        return jdbc.sql("select status from event_publication where event_type = :type and completion_date is null")
                .param("type", StockReserved.class.getName()).query(String.class).optional().orElse(null);
    }

    private ConfigurableApplicationContext startShop(String... extraProperties) {
        List<String> args = new ArrayList<>(List.of("--server.port=0",
                "--ficus.embedded-postgres.ephemeral=false",
                "--ficus.embedded-postgres.data-directory=" + dataDirectory,
                "--ficus.payments.provider.base-url=" + PaymentProviderStub.baseUrl(),
                // Only a restart or the staleness monitor may finish the step, not the periodic retry.
                "--ficus.events.retry-interval=1h"));
        Arrays.stream(extraProperties).map(property -> "--" + property).forEach(args::add);
        return new SpringApplicationBuilder(ShopApplication.class).run(args.toArray(String[]::new));
    }

    private static ShopHttp http(ConfigurableApplicationContext shop) {
        return new ShopHttp(Integer.parseInt(shop.getEnvironment().getProperty("local.server.port")));
    }
}
