package io.ficus.shop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.UUID;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The order saga end to end over HTTP: the shop as users run it, the payment provider as WireMock. */
@ShopApplicationTest
class OrderFlowTests {

    private static final Duration SAGA_BOUND = Duration.ofSeconds(15);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private ShopHttp http;
    private String sku;

    @BeforeEach
    void setUp() {
        PaymentProviderStub.reset();
        http = new ShopHttp(port).asStaff();
        sku = "T-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    @Test
    void confirmsOrderThenShipsAndNotifies() {
        http.stock(sku, "19.99", 10);

        ShopHttp.Response placed = placeOrder("alice@example.com", sku, 3);

        assertThat(placed.status()).isEqualTo(201);
        assertThat(placed.location()).isEqualTo("/api/orders/" + placed.json().get("id").asString());
        assertThat(placed.json().get("status").asString()).isEqualTo("PENDING");
        assertThat(placed.json().get("total").asString()).isEqualTo("59.97");
        String id = placed.json().get("id").asString();

        JsonNode order = awaitStatus(id, "CONFIRMED");
        assertThat(order.get("history")).extracting(h -> h.get("note").asString())
                .containsExactly("Order placed", "Stock reserved", "Payment authorized (auth-" + id + ")");
        assertThat(stock(sku)).isEqualTo(new int[] { 7, 3 });

        await().atMost(SAGA_BOUND).untilAsserted(() -> {
            JsonNode shipments = http.get("/api/shipments?orderId=" + id).json();
            assertThat(shipments.get("items")).hasSize(1);
            assertThat(shipments.get("items").get(0).get("orderId").asString()).isEqualTo(id);
            JsonNode notifications = http.get("/api/notifications?customer=alice@example.com").json();
            assertThat(notifications.get("items")).filteredOn(n -> n.get("orderId").asString().equals(id))
                    .extracting(n -> n.get("type").asString())
                    .containsExactlyInAnyOrder("ORDER_CONFIRMED", "SHIPMENT_CREATED");
        });
        PaymentProviderStub.server().verify(1, postRequestedFor(urlPathEqualTo(PaymentProviderStub.AUTHORIZATIONS))
                .withHeader("Idempotency-Key", equalTo("order-" + id)));
    }

    @Test
    void cancelsOrderAboveStockAndLeavesStockAlone() {
        http.stock(sku, "5.00", 2);

        String id = placeOrder("bob@example.com", sku, 3).json().get("id").asString();

        JsonNode order = awaitStatus(id, "CANCELLED");
        assertThat(order.get("reason").asString()).contains("Insufficient stock").contains(sku);
        assertThat(stock(sku)).isEqualTo(new int[] { 2, 0 });
        PaymentProviderStub.server().verify(0, postRequestedFor(urlPathEqualTo(PaymentProviderStub.AUTHORIZATIONS)));
        await().atMost(SAGA_BOUND).untilAsserted(() -> assertThat(
                http.get("/api/notifications?customer=bob@example.com").json().get("items"))
                .anySatisfy(n -> {
                    assertThat(n.get("orderId").asString()).isEqualTo(id);
                    assertThat(n.get("type").asString()).isEqualTo("ORDER_CANCELLED");
                }));
    }

    @Test
    void cancelsDeclinedOrderAndReleasesItsStock() {
        http.stock(sku, "10.13", 5);
        PaymentProviderStub.server().stubFor(PaymentProviderStub.declining(PaymentProviderStub.authorization()
                .withRequestBody(matchingJsonPath("$.amount", equalTo("20.26"))).atPriority(1), "Insufficient funds"));

        String id = placeOrder("carol@example.com", sku, 2).json().get("id").asString();

        JsonNode order = awaitStatus(id, "CANCELLED");
        assertThat(order.get("reason").asString()).isEqualTo("Payment declined: Insufficient funds");
        await().atMost(SAGA_BOUND).untilAsserted(() -> assertThat(stock(sku)).isEqualTo(new int[] { 5, 0 }));
        assertThat(http.get("/api/shipments?orderId=" + id).json().get("items")).isEmpty();
    }

    @Test
    void confirmsOrderOnceProviderRecoversFromServerErrors() {
        http.stock(sku, "7.00", 5);
        failThenApprove(aResponse().withStatus(500));

        String id = placeOrder("dave@example.com", sku, 1).json().get("id").asString();

        awaitStatus(id, "CONFIRMED");
        assertThat(PaymentProviderStub.server().countRequestsMatching(
                postRequestedFor(urlPathEqualTo(PaymentProviderStub.AUTHORIZATIONS)).build()).getCount())
                .isGreaterThanOrEqualTo(3);
        assertThat(stock(sku)).isEqualTo(new int[] { 4, 1 });
    }

    @Test
    void confirmsOrderOnceProviderAnswersWithinTimeout() {
        http.stock(sku, "8.00", 5);
        failThenApprove(aResponse().withStatus(200).withFixedDelay(3_000)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"late\",\"status\":\"APPROVED\"}"));

        String id = placeOrder("erin@example.com", sku, 1).json().get("id").asString();

        JsonNode order = awaitStatus(id, "CONFIRMED");
        assertThat(order.get("history").get(2).get("note").asString()).isEqualTo("Payment authorized (auth-" + id + ")");
    }

    @Test
    void confirmsOrderOnceProviderStopsResettingConnections() {
        http.stock(sku, "9.00", 5);
        failThenApprove(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        String id = placeOrder("frank@example.com", sku, 1).json().get("id").asString();

        awaitStatus(id, "CONFIRMED");
    }

    @Test
    void deletesEventPublicationsOnceTheirListenersCompleted() {
        http.stock(sku, "4.00", 5);
        String id = placeOrder("hugo@example.com", sku, 1).json().get("id").asString();
        awaitStatus(id, "CONFIRMED");

        new EventRegistry(jdbc).awaitQuiet();

        assertThat(jdbc.sql("select count(*) from event_publication where completion_date is not null")
                .query(Long.class).single()).isZero();
    }

    @Test
    void neverSellsMoreThanTheStockUnderConcurrentOrders() throws Exception {
        http.stock(sku, "1.00", 5);
        List<Callable<String>> orders = IntStream.range(0, 12)
                .mapToObj(i -> (Callable<String>) () -> placeOrder("rush" + i + "@example.com", sku, 1).json().get("id").asString())
                .toList();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<String> ids = new ArrayList<>();
        try {
            for (Future<String> id : pool.invokeAll(orders, 30, TimeUnit.SECONDS)) {
                ids.add(id.get());
            }
        }
        finally {
            pool.shutdownNow();
        }

        await().atMost(SAGA_BOUND).until(() -> ids.stream()
                .map(id -> http.get("/api/orders/" + id).json().get("status").asString())
                .noneMatch("PENDING"::equals));
        Map<String, Long> outcomes = ids.stream()
                .collect(Collectors.groupingBy(id -> http.get("/api/orders/" + id).json().get("status").asString(),
                        Collectors.counting()));
        assertThat(outcomes).containsEntry("CONFIRMED", 5L).containsEntry("CANCELLED", 7L);
        assertThat(stock(sku)).isEqualTo(new int[] { 0, 5 });
    }

    @Test
    void keepsOrdersAcrossRequests() {
        http.stock(sku, "1.00", 1);
        String id = placeOrder("gina@example.com", sku, 1).json().get("id").asString();

        assertThat(http.get("/api/orders/" + id).json().get("customer").asString()).isEqualTo("gina@example.com");
    }

    @Test
    void listsACustomersOrdersNewestFirstPageByPage() {
        http.stock(sku, "2.00", 10);
        String customer = "lena-" + sku.toLowerCase() + "@example.com";
        List<String> placed = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            placed.add(placeOrder(customer, sku, i).json().get("id").asString());
        }

        JsonNode first = http.get("/api/orders?customer=" + customer.toUpperCase() + "&page=0&size=2").json();
        JsonNode second = http.get("/api/orders?customer=" + customer + "&page=1&size=2").json();

        assertThat(first.get("items")).extracting(order -> order.get("id").asString())
                .containsExactly(placed.get(2), placed.get(1));
        assertThat(first.get("size").asInt()).isEqualTo(2);
        assertThat(first.get("total").asLong()).isEqualTo(3);
        assertThat(second.get("items")).extracting(order -> order.get("id").asString()).containsExactly(placed.get(0));
        assertThat(second.get("page").asInt()).isEqualTo(1);
        assertThat(http.get("/api/orders?customer=nobody-" + sku.toLowerCase() + "@example.com").json().get("items")).isEmpty();
        assertThat(http.get("/api/orders").status()).isEqualTo(400);
    }

    @Test
    void pagesShipmentsWithSizeAsThePageSize() {
        http.stock(sku, "2.00", 10);
        String id = placeOrder("mo@example.com", sku, 1).json().get("id").asString();
        awaitStatus(id, "CONFIRMED");

        JsonNode page = await().atMost(SAGA_BOUND).until(() -> http.get("/api/shipments?orderId=" + id + "&size=5").json(),
                shipments -> shipments.get("items").size() == 1);

        assertThat(page.get("size").asInt()).isEqualTo(5);
        assertThat(page.get("total").asLong()).isEqualTo(1);
        assertThat(http.get("/api/shipments?orderId=" + id).json().get("size").asInt()).isEqualTo(20);
    }

    /** The provider fails transiently twice, then approves: the saga step must be retried until it does. */
    private void failThenApprove(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder failure) {
        var server = PaymentProviderStub.server();
        server.stubFor(PaymentProviderStub.authorization().atPriority(1).inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(failure).willSetStateTo("failed-once"));
        server.stubFor(PaymentProviderStub.authorization().atPriority(1).inScenario("flaky")
                .whenScenarioStateIs("failed-once").willReturn(failure).willSetStateTo("recovered"));
        server.stubFor(PaymentProviderStub.approving(PaymentProviderStub.authorization().atPriority(1)
                .inScenario("flaky").whenScenarioStateIs("recovered")));
    }

    private ShopHttp.Response placeOrder(String customer, String sku, int quantity) {
        return http.asCustomer(customer).postJson("/api/orders", """
                {"customer": "%s", "lines": [{"sku": "%s", "quantity": %d}]}
                """.formatted(customer, sku, quantity));
    }

    private JsonNode awaitStatus(String id, String status) {
        return await().atMost(SAGA_BOUND).until(() -> http.get("/api/orders/" + id).json(),
                order -> order.get("status").asString().equals(status));
    }

    private int[] stock(String sku) {
        JsonNode level = http.get("/api/inventory/stock/" + sku).json();
        return new int[] { level.get("available").asInt(), level.get("reserved").asInt() };
    }
}
