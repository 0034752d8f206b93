package io.ficus.services.catalog.sync;

import io.ficus.platform.testing.TestIssuer;
import java.time.Duration;
import java.util.UUID;

import io.ficus.services.catalog.CatalogHttp;
import io.ficus.services.catalog.CatalogServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The monolith's product changes, published to ficus.catalog on the real broker, applied by the version rule.
 * The listener takes messages one at a time in order, so once a later marker change is visible, every change
 * published before it has been handled.
 */
@CatalogServiceTest
class ProductSyncTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    TestIssuer issuer;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    JdbcClient jdbc;

    private CatalogHttp http;

    @BeforeEach
    void setUp() {
        http = new CatalogHttp(port, issuer);
    }

    @Test
    void appliesCreatedUpdatedAndDeletedChanges() {
        publish(change("CREATED", "SY-100", 10, "Synced Fig", "4.50"));
        await().atMost(WAIT).until(() -> http.get("/api/catalog/products/SY-100").status() == 200);
        assertThat(http.get("/api/catalog/products/SY-100").json().get("price").asString()).isEqualTo("4.50");

        publish(change("UPDATED", "SY-100", 11, "Synced Fig Renamed", "4.60"));
        await().atMost(WAIT).until(() -> "Synced Fig Renamed".equals(name("SY-100")));

        publish(deletion("SY-100", 12));
        await().atMost(WAIT).until(() -> http.get("/api/catalog/products/SY-100").status() == 404);
    }

    @Test
    void neverLetsARedeliveredOrOlderChangeOverwriteNewerData() {
        publish(change("UPDATED", "SY-200", 21, "Newest", "2.00"));
        publish(change("UPDATED", "SY-200", 20, "Older", "1.00"));
        publish(change("UPDATED", "SY-200", 21, "Same version again", "3.00"));
        awaitMarker();

        assertThat(name("SY-200")).isEqualTo("Newest");
        assertThat(version("SY-200")).isEqualTo(21);
    }

    @Test
    void keepsADeletedProductDeletedWhenAnOlderUpdateArrivesLate() {
        publish(change("CREATED", "SY-300", 30, "Short Lived", "1.00"));
        publish(deletion("SY-300", 32));
        publish(change("UPDATED", "SY-300", 31, "Late Update", "1.50"));
        publish(deletion("SY-301", 40));
        publish(change("CREATED", "SY-301", 39, "Never Seen Alive", "1.00"));
        awaitMarker();

        assertThat(http.get("/api/catalog/products/SY-300").status()).isEqualTo(404);
        assertThat(http.get("/api/catalog/products/SY-301").status()).isEqualTo(404);
        assertThat(http.get("/api/catalog/products?q=SY-30").json().get("total").asLong()).isZero();

        publish(change("CREATED", "SY-300", 33, "Back Again", "1.00"));
        await().atMost(WAIT).until(() -> "Back Again".equals(name("SY-300")));
    }

    @Test
    void movesAPoisonMessageToTheDeadLetterQueueWithItsReasonAndGoesOn() {
        publish("this is not JSON");
        publish("""
                {"eventId": "%s", "kind": "UPDATED", "sku": "SY-400", "name": "No Version", "price": "1.00", "currency": "EUR"}
                """.formatted(UUID.randomUUID()));
        publish(change("CREATED", "SY-401", 50, "Good After Poison", "1.00"));

        await().atMost(WAIT).until(() -> http.get("/api/catalog/products/SY-401").status() == 200);
        Message first = rabbit.receive(SyncTopology.DEAD_LETTER_QUEUE, WAIT.toMillis());
        Message second = rabbit.receive(SyncTopology.DEAD_LETTER_QUEUE, WAIT.toMillis());
        assertThat(first).isNotNull();
        assertThat(second).isNotNull();
        // the two are refused on different paths (conversion, then the listener), so they may arrive in either order
        boolean firstIsNotJson = new String(first.getBody()).equals("this is not JSON");
        Message notJson = firstIsNotJson ? first : second;
        Message noVersion = firstIsNotJson ? second : first;
        assertThat(new String(notJson.getBody())).isEqualTo("this is not JSON");
        assertThat((String) notJson.getMessageProperties().getHeader("x-exception-message")).contains("not a product change in JSON");
        assertThat(noVersion).isNotNull();
        assertThat((String) noVersion.getMessageProperties().getHeader("x-exception-message")).contains("version is missing");
        assertThat((String) noVersion.getMessageProperties().getHeader("x-original-routingKey")).isEqualTo("product.updated");
        assertThat(http.get("/api/catalog/products/SY-400").status()).isEqualTo(404);
    }

    @Test
    void givesOwnWritesAVersionAboveEverySyncedOne() {
        publish(change("CREATED", "SY-500", 900_000, "From The Monolith", "1.00"));
        await().atMost(WAIT).until(() -> http.get("/api/catalog/products/SY-500").status() == 200);

        assertThat(http.putJson("/api/catalog/products/SY-500",
                "{\"name\": \"Written Here\", \"price\": \"1.10\", \"currency\": \"EUR\"}").status()).isEqualTo(200);

        assertThat(version("SY-500")).isGreaterThan(900_000);
    }

    /** Publishes a change to a fresh SKU and waits until it is visible. */
    private void awaitMarker() {
        String sku = "SY-M" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        publish(change("CREATED", sku, 1, "Marker", "1.00"));
        await().atMost(WAIT).until(() -> http.get("/api/catalog/products/" + sku).status() == 200);
    }

    private String name(String sku) {
        CatalogHttp.Response response = http.get("/api/catalog/products/" + sku);
        return response.status() == 200 ? response.json().get("name").asString() : null;
    }

    private long version(String sku) {
        return jdbc.sql("select version from catalog.product where sku = :sku").param("sku", sku).query(Long.class).single();
    }

    private static String change(String kind, String sku, long version, String name, String price) {
        return """
                {"eventId": "%s", "kind": "%s", "sku": "%s", "version": %d, "occurredAt": "2026-12-01T13:00:00Z",
                 "name": "%s", "description": "synced", "price": "%s", "currency": "EUR"}
                """.formatted(UUID.randomUUID(), kind, sku, version, name, price);
    }

    private static String deletion(String sku, long version) {
        return """
                {"eventId": "%s", "kind": "DELETED", "sku": "%s", "version": %d, "occurredAt": "2026-12-01T13:00:00Z",
                 "name": null, "description": null, "price": null, "currency": null}
                """.formatted(UUID.randomUUID(), sku, version);
    }

    private void publish(String body) {
        String kind = body.contains("\"DELETED\"") ? "deleted" : body.contains("\"CREATED\"") ? "created" : "updated";
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        rabbit.send(SyncTopology.SOURCE_EXCHANGE, "product." + kind, new Message(body.getBytes(), properties));
    }
}
