package io.ficus.contract;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

import io.ficus.platform.testing.AppProcess;
import io.ficus.platform.testing.TestVirtualHost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The notifications contract ({@code GET /api/notifications?customer=&page=&size=}), run unchanged against the
 * monolith and against notifications-service. Both are started once: the monolith with its events externalized to
 * the machine's RabbitMQ (a virtual host of its own) and the service consuming them, so orders placed on the
 * monolith give both sides the same notifications to answer with. Each failure names the side, the endpoint and
 * the field.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationsContractTests {

    static final String NOTIFICATIONS = "/api/notifications";
    static final String[] NOTIFICATION_FIELDS = { "id", "customer", "orderId", "type", "message", "sentAt" };

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestVirtualHost broker;
    private AppProcess monolith;
    private AppProcess service;
    private final String customer = "contract-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    private String orderId;

    @BeforeAll
    void startBothSides() throws Exception {
        broker = TestVirtualHost.create("notifications-contract");
        // the service first: its queue exists before the monolith's first event
        service = AppProcess.of(serviceJar(), "notifications-service").properties(broker.springProperties())
                .properties(ContractIssuer.ISSUER.springProperties()).start();
        monolith = AppProcess.of(AppJars.of("monolith"), "monolith")
                .properties(broker.springProperties())
                .property("ficus.messaging.externalization.enabled", true)
                .properties(ContractIssuer.ISSUER.springProperties())
                .start();
        orderId = placeOrder(customer);
        awaitNotifications(monolith, 2);
        awaitNotifications(service, 2);
    }

    @AfterAll
    void stopBothSides() {
        for (AutoCloseable closeable : new AutoCloseable[] { monolith, service, broker }) {
            if (closeable != null) {
                try {
                    closeable.close();
                }
                catch (Exception e) {
                    // best effort: the next one still gets closed
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "monolith", "notifications-service" })
    void listsACustomersNotificationsWithItemsPageSizeTotalAndTheNotificationFields(String side) {
        ContractResponse page = http(side).get(NOTIFICATIONS + "?customer=" + customer)
                .hasStatus(200).hasContentType("application/json")
                .hasFieldNames("", "items", "page", "size", "total")
                .hasField("page", 0).hasField("size", 20).hasField("total", 2)
                .hasArraySize("items", 2)
                .hasFieldNames("items[0]", NOTIFICATION_FIELDS)
                .hasFieldNames("items[1]", NOTIFICATION_FIELDS)
                .hasField("items[0].customer", customer)
                .hasField("items[0].orderId", orderId);
        assertThat(page.values("items", "type")).as(side)
                .containsExactlyInAnyOrder("ORDER_CONFIRMED", "SHIPMENT_CREATED");
        UUID.fromString(page.field("items[0].id").asString());
        Instant.parse(page.field("items[0].sentAt").asString());
    }

    @ParameterizedTest
    @ValueSource(strings = { "monolith", "notifications-service" })
    void pagesNewestFirstAndMatchesTheCustomerWhateverItsCase(String side) {
        ContractResponse all = http(side).get(NOTIFICATIONS + "?customer=" + customer);
        List<String> newestFirst = all.values("items", "id");

        http(side).get(NOTIFICATIONS + "?customer=" + customer.toUpperCase() + "&page=1&size=1")
                .hasStatus(200).hasField("page", 1).hasField("size", 1).hasField("total", 2)
                .hasArraySize("items", 1).hasField("items[0].id", newestFirst.get(1));
        http(side).get(NOTIFICATIONS + "?customer=" + customer + "&page=5&size=1")
                .hasStatus(200).hasField("total", 2).hasArraySize("items", 0);
    }

    @ParameterizedTest
    @ValueSource(strings = { "monolith", "notifications-service" })
    void answersAnEmptyPageForACustomerWithoutNotifications(String side) {
        http(side).get(NOTIFICATIONS + "?customer=nobody-" + UUID.randomUUID() + "@example.com")
                .hasStatus(200).hasField("total", 0).hasArraySize("items", 0);
    }

    @ParameterizedTest
    @ValueSource(strings = { "monolith", "notifications-service" })
    void answersProblemJsonNamingTheInvalidParameter(String side) {
        http(side).get(NOTIFICATIONS).isProblem(400);
        http(side).get(NOTIFICATIONS + "?customer=%20").isProblem(400).namesInvalidField("customer");
        http(side).get(NOTIFICATIONS + "?customer=a@example.com&size=0").isProblem(400).namesInvalidField("size");
        http(side).get(NOTIFICATIONS + "?customer=a@example.com&size=101").isProblem(400).namesInvalidField("size");
        http(side).get(NOTIFICATIONS + "?customer=a@example.com&page=-1").isProblem(400).namesInvalidField("page");
        http(side).get(NOTIFICATIONS + "?customer=a@example.com&page=first").isProblem(400);
    }

    @ParameterizedTest
    @ValueSource(strings = { "monolith", "notifications-service" })
    void refusesHostileParametersNamingThem(String side) {
        http(side).get(NOTIFICATIONS + "?customer=a%00@example.com").isProblem(400).namesInvalidField("customer");
        http(side).get(NOTIFICATIONS + "?customer=%E2%80%AEa@example.com").isProblem(400).namesInvalidField("customer");
        http(side).get(NOTIFICATIONS + "?customer=%C0%AF").isProblem(400).namesInvalidField("customer");
        http(side).get(NOTIFICATIONS + "?customer=a@example.com&size=1.5").isProblem(400).namesInvalidField("size");
        http(side).get(NOTIFICATIONS + "?customer=a@example.com&page=first").isProblem(400).namesInvalidField("page");
        http(side).send("TRACE", NOTIFICATIONS, null, null).isProblem(405);
    }

    private CatalogHttp http(String side) {
        // as staff, who may read any customer's notifications on either side
        return CatalogHttp.asStaff(side, "monolith".equals(side) ? monolith.baseUrl() : service.baseUrl());
    }

    private String placeOrder(String who) throws Exception {
        HttpResponse<String> placed = HTTP.send(HttpRequest.newBuilder(URI.create(monolith.baseUrl() + "/api/orders"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + ContractIssuer.customer(who))
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"customer\": \"" + who + "\", \"lines\": [{\"sku\": \"FIC-003\", \"quantity\": 1}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        return JSON.readTree(placed.body()).path("id").asString();
    }

    private void awaitNotifications(AppProcess side, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(
                    URI.create(side.baseUrl() + NOTIFICATIONS + "?customer=" + customer))
                    .header("Authorization", "Bearer " + ContractIssuer.staff()).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 200 && JSON.readTree(answer.body()).path("total").asLong() >= count) {
                return;
            }
            assertThat(System.nanoTime()).as(side.name() + " has no " + count + " notifications for " + customer)
                    .isLessThan(deadline);
            // a condition polled with a bound (this module has no Awaitility; the pom is shared)
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
    }

    /** The service's runnable jar: built before this module (extracted-services lists it first). */
    private static Path serviceJar() {
        Path jar = Path.of(System.getProperty("ficus.notifications-service.jar",
                "../notifications-service/target/notifications-service-0.1.0-SNAPSHOT-exec.jar"));
        assertThat(jar).as("notifications-service's exec jar (build it first)").satisfies(Files::isRegularFile);
        return jar;
    }
}
