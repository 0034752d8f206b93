package io.ficus.services.notifications;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import com.rabbitmq.client.Channel;
import io.ficus.platform.security.EndpointRuleCoverage;
import io.ficus.platform.testing.AuthorizationMatrix;
import io.ficus.platform.testing.AuthorizationMatrix.Caller;
import io.ficus.platform.testing.TestIssuer;
import io.ficus.platform.testing.TestVirtualHost;
import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service against the machine's real RabbitMQ (a virtual host of its own) and a real embedded PostgreSQL:
 * every event kind becomes the monolith's notification, and each delivery guarantee of issue 8 on the consumer
 * side — duplicate publication, redelivery after the consumer died between commit and ack, poison message —
 * ends with exactly one notification per event and nothing blocked.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ficus.embedded-postgres.ephemeral=true")
@ExtendWith(OutputCaptureExtension.class)
class NotificationsServiceTests {

    private static final TestVirtualHost VHOST = TestVirtualHost.create("notifications-service");
    private static final TestIssuer ISSUER = TestIssuer.start();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String CRASH_CUSTOMER = "crash@example.com";

    @DynamicPropertySource
    static void broker(DynamicPropertyRegistry registry) {
        VHOST.springProperties().forEach((key, value) -> registry.add(key, () -> value));
        ISSUER.springProperties().forEach((key, value) -> registry.add(key, () -> value));
    }

    @AfterAll
    static void deleteVirtualHost() {
        VHOST.close();
        ISSUER.close();
    }

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    CrashBeforeAck crash;

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void recordsEveryEventKindAsTheMonolithWouldAndServesItWithTheSameContract() throws Exception {
        String customer = "nia-" + UUID.randomUUID() + "@example.com";
        UUID confirmed = UUID.randomUUID();
        UUID cancelled = UUID.randomUUID();
        publish("ficus.orders", "order.confirmed", confirmedEvent(UUID.randomUUID(), confirmed, customer, "39.90"));
        publish("ficus.shipping", "shipment.created", Map.of("eventId", UUID.randomUUID().toString(),
                "shipmentId", UUID.randomUUID().toString(), "orderId", confirmed.toString(), "customer", customer));
        publish("ficus.orders", "order.cancelled", Map.of("eventId", UUID.randomUUID().toString(),
                "orderId", cancelled.toString(), "customer", customer, "reason", "Out of stock"));

        await().atMost(Duration.ofSeconds(30)).until(() -> notificationsOf(customer).path("total").asLong() == 3);
        JsonNode page = notificationsOf(customer.toUpperCase());
        assertThat(page.path("page").asInt()).isZero();
        assertThat(page.path("size").asInt()).isEqualTo(20);
        List<String> messages = page.path("items").valueStream().map(item -> item.path("message").asString()).toList();
        assertThat(messages).containsExactlyInAnyOrder(
                "Your order " + confirmed + " is confirmed: 39.90 EUR",
                "Your order " + confirmed + " is being prepared for shipping",
                "Your order " + cancelled + " was cancelled: Out of stock");
        JsonNode first = page.path("items").get(0);
        assertThat(first.propertyNames()).containsExactlyInAnyOrder("id", "customer", "orderId", "type", "message",
                "sentAt");
        assertThat(first.path("customer").asString()).isEqualTo(customer);
    }

    @Test
    void everyEndpointHasAnAccessRule() {
        EndpointRuleCoverage.assertEveryEndpointHasARule(context);
    }

    @Test
    void aCustomerSeesOnlyTheirOwnNotificationsAndStaffSeeAnyone() throws Exception {
        String ann = "ann-" + UUID.randomUUID() + "@example.com";
        String bob = "bob-" + UUID.randomUUID() + "@example.com";
        UUID order = UUID.randomUUID();
        publish("ficus.orders", "order.confirmed", confirmedEvent(UUID.randomUUID(), order, ann, "9.90"));
        await().atMost(Duration.ofSeconds(30)).until(() -> notificationsOf(ann).path("total").asLong() == 1);

        AuthorizationMatrix.of("http://127.0.0.1:" + port, ISSUER, ann, bob, "staff@example.com", "ficus-shop",
                        "catalog.read")
                .request("GET", "/api/notifications?customer=" + ann)
                .bodyOf(Caller.CUSTOMER, "the customer's own notification", body -> body.contains(order.toString()))
                .bodyOf(Caller.STAFF, "the customer's notification", body -> body.contains(order.toString()))
                .bodyOf(Caller.OTHER_CUSTOMER, "an empty page (no enumeration)",
                        body -> body.contains("\"total\":0") && !body.contains(order.toString()))
                .expect(401, 200, 200, 403, 200)
                .request("GET", "/api/notifications?customer=" + ann.toUpperCase())
                .bodyOf(Caller.CUSTOMER, "the customer's own notification, whatever the case",
                        body -> body.contains(order.toString()))
                .expect(401, 200, 200, 403, 200)
                .request("GET", "/api/notifications/export?limit=5").expect(401, 403, 403, 403, 200)
                .request("GET", "/api/notifications/nothing-here").expect(401, 403, 403, 403, 403)
                .request("GET", "/actuator/health/liveness").expectEveryone(200)
                .verify();
    }

    @Test
    void recordsAnEventPublishedTwiceOnce() throws Exception {
        String customer = "dup-" + UUID.randomUUID() + "@example.com";
        UUID eventId = UUID.randomUUID();
        UUID orderId = UUID.randomUUID();
        publish("ficus.orders", "order.confirmed", confirmedEvent(eventId, orderId, customer, "5.00"));
        publish("ficus.orders", "order.confirmed", confirmedEvent(eventId, orderId, customer, "5.00"));
        // one consumer takes the queue in order: once this later event is recorded, both copies were handled
        publish("ficus.orders", "order.cancelled", Map.of("eventId", UUID.randomUUID().toString(),
                "orderId", UUID.randomUUID().toString(), "customer", customer, "reason", "marker"));

        await().atMost(Duration.ofSeconds(30)).until(() -> notificationsOf(customer).path("total").asLong() == 2);
        assertThat(typesOf(customer)).containsExactlyInAnyOrder("ORDER_CONFIRMED", "ORDER_CANCELLED");
    }

    @Test
    void recordsOnceAMessageRedeliveredBecauseTheConsumerDiedAfterCommittingButBeforeItsAck() throws Exception {
        UUID orderId = UUID.randomUUID();
        publish("ficus.orders", "order.confirmed", confirmedEvent(UUID.randomUUID(), orderId, CRASH_CUSTOMER, "7.50"));

        await().atMost(Duration.ofSeconds(60)).until(() -> crash.redeliveries.contains(orderId));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> VHOST.messagesIn("notifications-service.order-events") == 0);
        JsonNode page = notificationsOf(CRASH_CUSTOMER);
        assertThat(page.path("items").valueStream().filter(item -> item.path("orderId").asString()
                .equals(orderId.toString())).count()).isEqualTo(1);
    }

    @Test
    void deadLettersAPoisonMessageWithItsReasonAndKeepsConsumingTheOthers() {
        String customer = "poison-" + UUID.randomUUID() + "@example.com";
        rabbit.send("ficus.orders", "order.confirmed", MessageBuilder.withBody("{not json".getBytes(StandardCharsets.UTF_8))
                .setContentType(MessageProperties.CONTENT_TYPE_JSON).setMessageId("poison-1").build());
        publish("ficus.orders", "order.cancelled", Map.of("eventId", UUID.randomUUID().toString(),
                "orderId", UUID.randomUUID().toString(), "reason", "no customer field"));
        publish("ficus.orders", "order.confirmed", confirmedEvent(UUID.randomUUID(), UUID.randomUUID(), customer, "1.00"));

        await().atMost(Duration.ofSeconds(30)).until(() -> notificationsOf(customer).path("total").asLong() == 1);
        Message first = rabbit.receive("notifications-service.order-events.dead-letters", 30_000);
        Message second = rabbit.receive("notifications-service.order-events.dead-letters", 30_000);
        assertThat(first).isNotNull();
        assertThat(second).isNotNull();
        // refused on different paths (conversion, then the listener): they may arrive in either order
        boolean firstIsNotJson = "poison-1".equals(first.getMessageProperties().getMessageId());
        Message notJson = firstIsNotJson ? first : second;
        Message missingField = firstIsNotJson ? second : first;
        assertThat(new String(notJson.getBody(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        Map<String, Object> headers = notJson.getMessageProperties().getHeaders();
        assertThat(String.valueOf(headers.get("x-exception-message"))).contains("body is not JSON");
        assertThat(headers.get("x-original-routingKey")).isEqualTo("order.confirmed");
        assertThat(headers.get("x-original-exchange")).isEqualTo("ficus.orders");
        assertThat(String.valueOf(missingField.getMessageProperties().getHeaders().get("x-exception-message")))
                .contains("'customer'");
    }

    @Test
    void continuesTheTraceOfTheMessageInItsLogLines(CapturedOutput output) {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        UUID orderId = UUID.randomUUID();
        Message message = MessageBuilder.withBody(json(confirmedEvent(UUID.randomUUID(), orderId,
                        "trace-" + orderId + "@example.com", "2.00")))
                .setContentType(MessageProperties.CONTENT_TYPE_JSON)
                .setHeader("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01").build();
        // a template without observation: the autowired one would replace the header with a trace of its own
        new RabbitTemplate(rabbit.getConnectionFactory()).send("ficus.orders", "order.confirmed", message);

        await().atMost(Duration.ofSeconds(30)).until(() -> output.getOut().lines()
                .anyMatch(line -> line.contains("about order " + orderId)));
        assertThat(output.getOut().lines().filter(line -> line.contains("about order " + orderId)))
                .singleElement().asString().contains(traceId);
    }

    @Test
    void isReadyOnlyWithItsDatabaseAndBroker() throws Exception {
        HttpResponse<String> response = get("/actuator/health/readiness");
        JsonNode health = JSON.readTree(response.body());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(health.path("components").path("db").path("status").asString()).isEqualTo("UP");
        assertThat(health.path("components").path("rabbit").path("status").asString()).isEqualTo("UP");
    }

    @Test
    void answersProblemJsonNamingTheParameterForAnInvalidQuery() throws Exception {
        HttpResponse<String> missing = get("/api/notifications");
        HttpResponse<String> tooLarge = get("/api/notifications?customer=a@example.com&size=101");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(tooLarge.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(tooLarge.body()).path("errors").get(0).path("field").asString()).isEqualTo("size");
    }

    private static Map<String, String> confirmedEvent(UUID eventId, UUID orderId, String customer, String total) {
        return Map.of("eventId", eventId.toString(), "orderId", orderId.toString(), "customer", customer,
                "total", total, "currency", "EUR");
    }

    private void publish(String exchange, String routingKey, Map<String, ?> body) {
        rabbit.send(exchange, routingKey, MessageBuilder.withBody(json(body))
                .setContentType(MessageProperties.CONTENT_TYPE_JSON)
                .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                .setMessageId(UUID.randomUUID().toString()).build());
    }

    /** Numbers as the monolith's Jackson writes a BigDecimal total: a JSON number, not a string. */
    private static byte[] json(Map<String, ?> body) {
        String text = JSON.writeValueAsString(body);
        if (body.containsKey("total")) {
            text = text.replace("\"total\":\"" + body.get("total") + "\"", "\"total\":" + body.get("total"));
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private JsonNode notificationsOf(String customer) throws Exception {
        return JSON.readTree(get("/api/notifications?customer=" + customer.replace("+", "%2B")).body());
    }

    private List<String> typesOf(String customer) throws Exception {
        return notificationsOf(customer).path("items").valueStream().map(item -> item.path("type").asString()).toList();
    }

    /** As staff, who may read anyone's notifications; the matrix below tries every other caller. */
    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + ISSUER.staff("staff@example.com")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Stands in for a consumer killed between committing a notification and acknowledging its message: on the
     * first delivery of an event for {@link #CRASH_CUSTOMER}, once the listener has committed, the channel is
     * aborted so the ack never reaches the broker, which then redelivers the message.
     */
    static class CrashBeforeAck implements MethodInterceptor {

        final List<UUID> redeliveries = new CopyOnWriteArrayList<>();
        private final AtomicBoolean crashed = new AtomicBoolean();

        @Override
        public Object invoke(org.aopalliance.intercept.MethodInvocation invocation) throws Throwable {
            Object result = invocation.proceed();
            Channel channel = (Channel) invocation.getArguments()[0];
            Message message = (Message) invocation.getArguments()[1];
            String text = new String(message.getBody(), StandardCharsets.UTF_8);
            if (!text.contains(CRASH_CUSTOMER)) {
                return result;
            }
            JsonNode body = JSON.readTree(text);
            if (CRASH_CUSTOMER.equals(body.path("customer").asString())) {
                if (Boolean.TRUE.equals(message.getMessageProperties().isRedelivered())) {
                    redeliveries.add(UUID.fromString(body.path("orderId").asString()));
                }
                else if (crashed.compareAndSet(false, true)) {
                    channel.abort();
                }
            }
            return result;
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class CrashConfiguration {

        @Bean
        CrashBeforeAck crashBeforeAck() {
            return new CrashBeforeAck();
        }

        @Bean
        static BeanPostProcessor crashBeforeAckInstaller(BeanFactory beans) {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (bean instanceof SimpleRabbitListenerContainerFactory factory) {
                        factory.setAdviceChain(beans.getBean(CrashBeforeAck.class),
                                beans.getBean("deadLetteringRetry", MethodInterceptor.class));
                    }
                    return bean;
                }
            };
        }
    }
}
