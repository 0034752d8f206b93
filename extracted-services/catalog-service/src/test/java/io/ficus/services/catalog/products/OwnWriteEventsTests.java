package io.ficus.services.catalog.products;

import io.ficus.platform.testing.TestIssuer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.ficus.services.catalog.CatalogHttp;
import io.ficus.services.catalog.CatalogServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Own writes reach exchange ficus.catalog-service as ProductChanged JSON, confirmed by the broker. */
@CatalogServiceTest
class OwnWriteEventsTests {

    private static final String TEST_QUEUE = "test.own-product-changes";

    @LocalServerPort
    int port;

    @Autowired
    TestIssuer issuer;

    @Autowired
    AmqpAdmin admin;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

    private CatalogHttp http;
    private Binding binding;

    @BeforeEach
    void setUp() {
        http = new CatalogHttp(port, issuer);
        Queue queue = new Queue(TEST_QUEUE, false, false, false);
        admin.declareQueue(queue);
        binding = BindingBuilder.bind(queue).to(new TopicExchange("ficus.catalog-service")).with("product.#");
        admin.declareBinding(binding);
        admin.purgeQueue(TEST_QUEUE);
    }

    @Test
    void publishesCreatedUpdatedAndDeletedWithRisingVersions() {
        http.create("OW-100", "Own Fig", "3.10");
        assertThat(http.putJson("/api/catalog/products/OW-100",
                "{\"name\": \"Own Fig 2\", \"price\": \"3.20\", \"currency\": \"EUR\"}").status()).isEqualTo(200);
        assertThat(http.delete("/api/catalog/products/OW-100").status()).isEqualTo(204);

        // Publications are externalized independently, so the broker may receive them in any order (consumers
        // order by version, never by arrival): sort by version before looking at them.
        List<Message> messages = receive("OW-100", 3).stream()
                .sorted(Comparator.comparingLong(m -> json.readTree(m.getBody()).get("version").asLong()))
                .toList();

        assertThat(messages).extracting(m -> m.getMessageProperties().getReceivedRoutingKey())
                .containsExactly("product.created", "product.updated", "product.deleted");
        List<JsonNode> events = messages.stream().map(m -> json.readTree(m.getBody())).toList();
        JsonNode created = events.get(0);
        assertThat(created.propertyNames()).containsExactlyInAnyOrder("eventId", "kind", "sku", "version", "occurredAt",
                "name", "description", "price", "currency");
        assertThat(created.get("kind").asString()).isEqualTo("CREATED");
        assertThat(created.get("price").asString()).isEqualTo("3.10");
        assertThat(messages.get(0).getMessageProperties().getMessageId()).isEqualTo(created.get("eventId").asString());
        assertThat(events.get(1).get("name").asString()).isEqualTo("Own Fig 2");
        assertThat(events.get(2).get("kind").asString()).isEqualTo("DELETED");
        assertThat(events.get(2).get("name").isNull()).isTrue();
        assertThat(events).extracting(e -> e.get("version").asLong()).doesNotHaveDuplicates();
    }

    @Test
    void keepsAChangeNoQueueTookAndDeliversItOnceOneIsBound() {
        admin.removeBinding(binding);
        http.create("OW-200", "Waiting Fig", "5.00");
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "select count(*) from catalog.event_publication where status = 'FAILED' and serialized_event like '%OW-200%'")
                .query(Long.class).single() == 1);

        admin.declareBinding(binding);

        List<Message> messages = receive("OW-200", 1);
        assertThat(json.readTree(messages.get(0).getBody()).get("name").asString()).isEqualTo("Waiting Fig");
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "select count(*) from catalog.event_publication where serialized_event like '%OW-200%'")
                .query(Long.class).single() == 0);
    }

    /** The next messages about the given SKU (other tests' writes may reach the queue too). */
    private List<Message> receive(String sku, int count) {
        List<Message> messages = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Message message = rabbit.receive(TEST_QUEUE, 100);
            if (message != null && sku.equals(json.readTree(message.getBody()).get("sku").asString())) {
                messages.add(message);
            }
            return messages.size() >= count;
        });
        return messages;
    }
}
