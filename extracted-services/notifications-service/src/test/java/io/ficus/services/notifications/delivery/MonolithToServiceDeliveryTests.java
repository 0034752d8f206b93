package io.ficus.services.notifications.delivery;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ficus.platform.testing.AppProcess;
import io.ficus.platform.testing.TestIssuer;
import io.ficus.platform.testing.TestVirtualHost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real monolith (its exec jar, as a process, externalization on) and this service, both talking to the
 * machine's RabbitMQ (a virtual host of its own) through a TCP proxy that the test cuts while orders flow: the
 * orders placed meanwhile are confirmed by the monolith, their events wait in its publication registry (no confirm,
 * no completion), and once the broker is reachable again every order ends with exactly one notification of each
 * kind in the service. Cutting the proxy stands in for a broker restart without stopping the broker other tests
 * share. The trace under which the monolith published an event continues in the service's log lines.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ficus.embedded-postgres.ephemeral=true")
@ExtendWith(OutputCaptureExtension.class)
class MonolithToServiceDeliveryTests {

    private static final TestVirtualHost VHOST = TestVirtualHost.create("notifications-delivery");
    private static final TestIssuer ISSUER = TestIssuer.start();
    private static final TcpProxy BROKER = new TcpProxy(VHOST.port());
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static AppProcess monolith;

    @DynamicPropertySource
    static void broker(DynamicPropertyRegistry registry) {
        VHOST.springProperties().forEach((key, value) -> registry.add(key, () -> value));
        ISSUER.springProperties().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("spring.rabbitmq.port", BROKER::port);
        // reconnect quickly once the broker is back
        registry.add("spring.rabbitmq.listener.simple.recovery-interval", () -> "1s");
    }

    @BeforeAll
    static void startMonolith() {
        Path jar = Path.of(System.getProperty("ficus.monolith.jar", "../../monolith/target/monolith-0.1.0-SNAPSHOT-exec.jar"));
        assertThat(jar).as("the monolith's exec jar (build the monolith first)").satisfies(Files::isRegularFile);
        monolith = AppProcess.of(jar, "monolith")
                .properties(VHOST.springProperties())
                .property("spring.rabbitmq.port", BROKER.port())
                .property("ficus.messaging.externalization.enabled", true)
                .property("ficus.messaging.externalization.confirm-timeout", "3s")
                .property("ficus.events.retry-interval", "1s")
                .property("ficus.events.retry-min-age", "1s")
                // the monolith checks tokens too (ADR 0016): the same test issuer as the service
                .properties(ISSUER.springProperties())
                // its embedded PostgreSQL alone took two minutes to start on the shared 2-core machine (load 12-18)
                .startupTimeout(Duration.ofMinutes(6))
                .start();
    }

    @AfterAll
    static void stopEverything() {
        if (monolith != null) {
            monolith.close();
        }
        BROKER.close();
        VHOST.close();
        ISSUER.close();
    }

    @LocalServerPort
    int port;

    @Test
    void losesNoOrderEventWhileTheBrokerIsUnreachableAndRecordsEachOnce() throws Exception {
        String customer = "flow-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        List<UUID> before = placeConfirmedOrders(customer, 4);
        await().atMost(Duration.ofSeconds(60)).until(() -> notificationsOf(customer).size() == 8);

        BROKER.cut();
        List<UUID> during = placeConfirmedOrders(customer, 4);
        // the monolith confirmed them, but no confirm from the broker: their events wait in its registry
        assertThat(notificationsOf(customer)).hasSize(8);

        BROKER.restore();
        List<UUID> after = placeConfirmedOrders(customer, 4);

        List<UUID> all = new ArrayList<>(before);
        all.addAll(during);
        all.addAll(after);
        await().atMost(Duration.ofSeconds(180)).until(() -> notificationsOf(customer).size() >= 24);
        List<String> recorded = notificationsOf(customer);
        Set<String> expected = new HashSet<>();
        all.forEach(order -> {
            expected.add(order + ":ORDER_CONFIRMED");
            expected.add(order + ":SHIPMENT_CREATED");
        });
        assertThat(recorded).hasSize(24).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void continuesTheTraceOfTheOrderRequestThroughTheBrokerIntoTheServicesLogLines(CapturedOutput output)
            throws Exception {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String customer = "trace-" + traceId.substring(0, 8) + "@example.com";
        HttpResponse<String> placed = HTTP.send(HttpRequest.newBuilder(URI.create(monolith.baseUrl() + "/api/orders"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + ISSUER.customer(customer))
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .POST(HttpRequest.BodyPublishers.ofString("{\"customer\": \"" + customer
                        + "\", \"lines\": [{\"sku\": \"FIC-003\", \"quantity\": 1}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        String orderId = JSON.readTree(placed.body()).path("id").asString();

        String recorded = "about order " + orderId + ": ORDER_CONFIRMED";
        await().atMost(Duration.ofSeconds(120)).until(() -> output.getOut().contains(recorded)
                && monolith.log().contains(recorded));
        // The monolith's own notifications module handled the same OrderConfirmed publication as the externalizer,
        // in the same trace: normally the request's, but a saga step resubmitted after a failure (a slow payment
        // answer under load) starts a new one, since the publication registry does not store trace context.
        String monolithTrace = traceIdOf(monolith.log().lines().filter(line -> line.contains(recorded)).findFirst()
                .orElseThrow());
        assertThat(output.getOut().lines().filter(line -> line.contains(recorded))).singleElement()
                .asString().contains(monolithTrace);
        assertThat(monolith.log()).contains("[" + traceId + "-");
    }

    private static String traceIdOf(String logLine) {
        Matcher matcher = Pattern.compile("\\[([0-9a-f]{32})-[0-9a-f]{16}\\]").matcher(logLine);
        assertThat(matcher.find()).as("trace id in " + logLine).isTrue();
        return matcher.group(1);
    }

    private List<UUID> placeConfirmedOrders(String customer, int count) throws Exception {
        List<UUID> orders = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            HttpResponse<String> placed = HTTP.send(HttpRequest.newBuilder(URI.create(monolith.baseUrl() + "/api/orders"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + ISSUER.customer(customer))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"customer\": \"" + customer
                            + "\", \"lines\": [{\"sku\": \"FIC-003\", \"quantity\": 1}]}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
            orders.add(UUID.fromString(JSON.readTree(placed.body()).path("id").asString()));
        }
        for (UUID order : orders) {
            await().atMost(Duration.ofSeconds(60)).until(() -> "CONFIRMED".equals(
                    get(monolith.baseUrl() + "/api/orders/" + order, ISSUER.staff("staff@example.com"))
                            .path("status").asString()));
        }
        return orders;
    }

    /** "orderId:TYPE" of every notification the service recorded for the customer. */
    private List<String> notificationsOf(String customer) throws Exception {
        return get("http://127.0.0.1:" + port + "/api/notifications?size=100&customer=" + customer,
                ISSUER.staff("staff@example.com"))
                .path("items").valueStream()
                .map(item -> item.path("orderId").asString() + ":" + item.path("type").asString())
                .toList();
    }

    /** Reads need a token on both sides: staff may read anyone's orders and notifications. */
    private static JsonNode get(String url, String token) throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body());
    }
}
