package io.ficus.shop;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.ficus.platform.testing.TestVirtualHost;
import io.ficus.shop.catalog.ProductChanged;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The catalog's events against the machine's real RabbitMQ (a virtual host of its own): delivered at least
 * once, held in the event publication registry until the broker confirms them, and the follower of
 * catalog-service's changes applying them by version with poison messages set aside.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ficus.messaging.externalization.enabled=true",
        "ficus.catalog.follow-service=true",
        "spring.rabbitmq.host=127.0.0.1",
        // short, so that sends during the outage fail fast
        "spring.rabbitmq.connection-timeout=1s",
        "ficus.messaging.externalization.confirm-timeout=3s" })
@ContextConfiguration(initializers = { PaymentProviderStubInitializer.class, TestTokens.Issuer.class })
class CatalogExternalizationTests {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static TestVirtualHost vhost;
    // the shop reaches RabbitMQ only through this proxy, so a test can take the broker away and bring it back
    private static TcpProxy brokerLink;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AmqpAdmin admin;

    @Autowired
    RabbitTemplate rabbit;

    @DynamicPropertySource
    static void brokerVirtualHost(DynamicPropertyRegistry registry) {
        vhost = TestVirtualHost.create("ficus-shop-catalog");
        brokerLink = new TcpProxy(vhost.port());
        registry.add("spring.rabbitmq.virtual-host", vhost::name);
        registry.add("spring.rabbitmq.port", brokerLink::port);
    }

    @AfterAll
    static void deleteVirtualHost() {
        if (brokerLink != null) {
            brokerLink.close();
        }
        if (vhost != null) {
            vhost.close();
        }
    }

    private long incompleteProductChanges() {
        return new EventRegistry(jdbc).incompleteFor(ProductChanged.class);
    }

    private String statusOfProductChanges() {
        return jdbc.sql("select string_agg(distinct coalesce(status, 'null'), ',') from event_publication"
                        + " where event_type = :type and completion_date is null")
                .param("type", ProductChanged.class.getName()).query(String.class).optional().orElse("");
    }

    /** Every message drained, headers and body as text: what a consumer of the broker could read. */
    private final List<String> rawMessages = new ArrayList<>();

    private List<JsonNode> drain(String queue) {
        List<JsonNode> bodies = new ArrayList<>();
        Message message;
        while ((message = rabbit.receive(queue, 500)) != null) {
            bodies.add(JSON.readTree(message.getBody()));
            rawMessages.add(message.getMessageProperties().getHeaders() + " "
                    + new String(message.getBody(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return bodies;
    }

    @Test
    void writesWaitInTheRegistryWhileNoQueueIsBoundAndArriveExactlyOnceWhenOneIs() {
        String staffToken = TestTokens.staff();
        ShopHttp http = new ShopHttp(port).withToken(staffToken);
        String sku = "AL-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        assertThat(http.postJson("/api/catalog/products", """
                {"sku": "%s", "name": "At least once", "price": "10.00", "currency": "EUR"}""".formatted(sku))
                .status()).isEqualTo(201);
        assertThat(http.putJson("/api/catalog/products/" + sku, """
                {"name": "At least once, again", "price": "11.00", "currency": "EUR"}""").status()).isEqualTo(200);
        assertThat(http.send(http.request("/api/catalog/products/" + sku).DELETE().build()).status()).isEqualTo(204);

        // the exchange exists (declared at startup) but no queue is bound: every publish is returned
        await().atMost(BOUND).until(() -> incompleteProductChanges() == 3 && statusOfProductChanges().equals("FAILED"));
        // and stays so across resubmissions (retry interval 300 ms in tests): nothing is marked delivered
        await().pollDelay(Duration.ofSeconds(2)).atMost(BOUND).until(() -> incompleteProductChanges() == 3);

        Queue queue = new Queue("test.catalog-changes", true);
        admin.declareQueue(queue);
        admin.declareBinding(BindingBuilder.bind(queue).to(new TopicExchange("ficus.catalog")).with("product.#"));

        await().atMost(BOUND).until(() -> incompleteProductChanges() == 0);
        List<JsonNode> messages = new ArrayList<>();
        await().atMost(BOUND).until(() -> {
            messages.addAll(drain(queue.getName()));
            return messages.size() >= 3;
        });
        messages.addAll(drain(queue.getName()));
        assertThat(messages).extracting(m -> m.get("sku").asString()).containsOnly(sku);
        assertThat(messages).extracting(m -> m.get("kind").asString())
                .containsExactlyInAnyOrder("CREATED", "UPDATED", "DELETED");
        assertThat(messages).extracting(m -> m.get("eventId").asString()).doesNotHaveDuplicates();
        JsonNode updated = messages.stream().filter(m -> m.get("kind").asString().equals("UPDATED")).findFirst()
                .orElseThrow();
        assertThat(updated.get("price").asString()).isEqualTo("11.00");
        assertThat(updated.get("version").isIntegralNumber()).isTrue();
        assertThat(updated.get("occurredAt").asString()).endsWith("Z");
        // the writes carried a staff token: nothing of it travels with the events (ADR 0016)
        assertThat(rawMessages).hasSizeGreaterThanOrEqualTo(3)
                .noneMatch(raw -> raw.contains(staffToken) || raw.toLowerCase().contains("bearer"));
        admin.deleteQueue(queue.getName());
    }

    @Test
    void aBrokerOutageLosesNoWriteAndDeliversEachOnceItIsBack() {
        ShopHttp http = new ShopHttp(port).asStaff();
        Queue queue = new Queue("test.outage", true);
        admin.declareQueue(queue);
        admin.declareBinding(BindingBuilder.bind(queue).to(new TopicExchange("ficus.catalog")).with("product.#"));
        String prefix = "OU-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();

        brokerLink.cut();
        try {
            for (int i = 1; i <= 3; i++) {
                assertThat(http.postJson("/api/catalog/products", """
                        {"sku": "%s-%d", "name": "Outage", "price": "2.00", "currency": "EUR"}""".formatted(prefix, i))
                        .status()).isEqualTo(201);
            }
            // the writes succeeded; their events wait in the registry, failed and retried, none marked delivered
            await().atMost(BOUND).until(() -> incompleteProductChanges() == 3
                    && statusOfProductChanges().equals("FAILED"));
            await().pollDelay(Duration.ofSeconds(2)).atMost(BOUND).until(() -> incompleteProductChanges() == 3);
        }
        finally {
            brokerLink.resume();
        }

        await().atMost(BOUND).until(() -> incompleteProductChanges() == 0);
        List<JsonNode> messages = new ArrayList<>();
        await().atMost(BOUND).until(() -> {
            messages.addAll(drain(queue.getName()));
            return messages.size() >= 3;
        });
        messages.addAll(drain(queue.getName()));
        assertThat(messages).extracting(m -> m.get("sku").asString())
                .containsExactlyInAnyOrder(prefix + "-1", prefix + "-2", prefix + "-3");
        admin.deleteQueue(queue.getName());
    }

    @Test
    void appliesCatalogServiceChangesWithoutEchoingThemAndSetsPoisonMessagesAside() {
        ShopHttp http = new ShopHttp(port).asStaff();
        Queue echo = new Queue("test.echo", true);
        admin.declareQueue(echo);
        admin.declareBinding(BindingBuilder.bind(echo).to(new TopicExchange("ficus.catalog")).with("product.#"));
        String sku = "FS-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        long version = jdbc.sql("select last_value from catalog.product_version").query(Long.class).single() + 100;

        sendFromService("product.created", """
                {"eventId":"%s","kind":"CREATED","sku":"%s","version":%d,"occurredAt":"2026-12-01T13:00:00Z",
                 "name":"Made in the service","description":"","price":"7.00","currency":"EUR"}"""
                .formatted(UUID.randomUUID(), sku, version));
        sendFromService("product.updated", "{\"kind\":\"UPDATED\",\"sku\":\"" + sku + "\"}");

        await().atMost(BOUND).until(() -> http.get("/api/catalog/products/" + sku).status() == 200);
        assertThat(http.get("/api/catalog/products/" + sku).json().get("price").asString()).isEqualTo("7.00");

        Message deadLetter = await().atMost(BOUND)
                .until(() -> rabbit.receive("ficus-shop.catalog-service-changes.dead-letters", 500), m -> m != null);
        assertThat(deadLetter.getMessageProperties().getHeaders().get("x-exception-message").toString())
                .contains("version");
        assertThat(deadLetter.getMessageProperties().getHeaders()).containsEntry("x-original-routingKey",
                "product.updated");

        // an own write afterwards is externalized; the applied change never was
        String own = sku + "-OWN";
        assertThat(http.postJson("/api/catalog/products", """
                {"sku": "%s", "name": "Own", "price": "1.00", "currency": "EUR"}""".formatted(own)).status())
                .isEqualTo(201);
        List<JsonNode> echoed = new ArrayList<>();
        await().atMost(BOUND).until(() -> {
            echoed.addAll(drain(echo.getName()));
            return echoed.stream().anyMatch(m -> m.get("sku").asString().equals(own));
        });
        assertThat(echoed).extracting(m -> m.get("sku").asString()).doesNotContain(sku);
        assertThat(echoed).filteredOn(m -> m.get("sku").asString().equals(own)).singleElement()
                .satisfies(m -> assertThat(m.get("version").asLong()).isGreaterThan(version));
        admin.deleteQueue(echo.getName());
    }

    private void sendFromService(String routingKey, String body) {
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        rabbit.send("ficus.catalog-service", routingKey, new Message(body.getBytes(StandardCharsets.UTF_8), properties));
    }
}
