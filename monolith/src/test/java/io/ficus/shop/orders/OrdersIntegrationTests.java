package io.ficus.shop.orders;

import io.ficus.shop.TestTokens;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.ficus.shop.EventRegistry;
import io.ficus.shop.PaymentProviderStub;
import io.ficus.shop.PaymentProviderStubInitializer;
import io.ficus.shop.inventory.StockReleased;
import io.ficus.shop.inventory.StockReserved;
import io.ficus.shop.payments.PaymentAuthorized;
import io.ficus.shop.payments.PaymentDeclined;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.AssertablePublishedEvents;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each step of the order saga with the modules orders depends on (catalog, inventory, payments), the
 * payment provider as WireMock. Steps are triggered by the real upstream step or by publishing its event.
 */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
@AutoConfigureMockMvc
// the shared system module brings the access rules; TestTokens an issuer whose tokens they check
@ContextConfiguration(initializers = { PaymentProviderStubInitializer.class, TestTokens.Issuer.class })
// An order placed while the provider is down is driven by the events a test publishes, not by payment retries
// that would reach a later test's provider stubs.
@TestPropertySource(properties = { "ficus.payments.provider.retry.initial-backoff=10m",
        "ficus.payments.provider.retry.max-backoff=10m" })
class OrdersIntegrationTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JdbcClient jdbc;

    private String sku;

    @BeforeEach
    void setUp() {
        PaymentProviderStub.reset();
        sku = "O-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        assertThat(mvc.post().uri("/api/catalog/products").header("Authorization", "Bearer " + TestTokens.staff()).contentType(MediaType.APPLICATION_JSON).content("""
                {"sku": "%s", "name": "Fig", "price": "4.50", "currency": "EUR"}""".formatted(sku))).hasStatus(201);
        assertThat(mvc.put().uri("/api/inventory/stock/" + sku).header("Authorization", "Bearer " + TestTokens.staff()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"available\": 10}")).hasStatus(200);
    }

    @Test
    void placingAnOrderPublishesOrderPlacedWithPricedLines(Scenario scenario) {
        scenario.stimulate(() -> placeOrder(3))
                .andWaitForEventOfType(OrderPlaced.class)
                .matching(event -> event.lines().get(0).sku().equals(sku))
                .toArriveAndVerify((event, id) -> {
                    assertThat(event.orderId()).isEqualTo(id);
                    assertThat(event.total()).isEqualByComparingTo("13.50");
                    assertThat(event.customer()).isEqualTo("olga@example.com");
                });
    }

    @Test
    void reservesStockForPlacedOrder(Scenario scenario) {
        scenario.stimulate(() -> placeOrder(3))
                .andWaitForEventOfType(StockReserved.class)
                .toArriveAndVerify((event, id) -> assertThat(event.orderId()).isEqualTo(id));
    }

    @Test
    void requestsPaymentOnceStockIsReserved(Scenario scenario) {
        scenario.stimulate(() -> placeOrder(2))
                .andWaitForEventOfType(PaymentAuthorized.class)
                .toArriveAndVerify((event, id) -> {
                    assertThat(event.orderId()).isEqualTo(id);
                    assertThat(historyNotes(id)).contains("Stock reserved");
                });
    }

    @Test
    void confirmsOrderWhenPaymentIsAuthorized(Scenario scenario) {
        UUID id = placeOrderWhileProviderIsDown(2);

        scenario.publish(new PaymentAuthorized(id, "ref-1"))
                .andWaitForEventOfType(OrderConfirmed.class)
                .matching(event -> event.orderId().equals(id))
                .toArriveAndVerify(event -> {
                    assertThat(status(id)).isEqualTo("CONFIRMED");
                    assertThat(historyNotes(id)).last().isEqualTo("Payment authorized (ref-1)");
                });
    }

    @Test
    void cancelsOrderWhenStockIsShort(Scenario scenario) {
        scenario.stimulate(() -> placeOrder(11))
                .andWaitForEventOfType(OrderCancelled.class)
                .toArriveAndVerify((event, id) -> {
                    assertThat(event.orderId()).isEqualTo(id);
                    assertThat(event.reason()).isEqualTo("Insufficient stock: " + sku + " (requested 11, available 10)");
                    assertThat(status(id)).isEqualTo("CANCELLED");
                });
    }

    @Test
    void releasesStockWhenPaymentIsDeclined(Scenario scenario) {
        UUID id = placeOrderWhileProviderIsDown(4);
        assertThat(stock()).isEqualTo("6/4");

        scenario.publish(new PaymentDeclined(id, "Card expired"))
                .andWaitForEventOfType(StockReleased.class)
                .matching(event -> event.orderId().equals(id))
                .toArriveAndVerify(event -> {
                    assertThat(stock()).isEqualTo("10/0");
                    assertThat(status(id)).isEqualTo("CANCELLED");
                    assertThat(reason(id)).isEqualTo("Payment declined: Card expired");
                });
    }

    @Test
    void confirmsOnceWhenPaymentAuthorizedIsDeliveredTwice(Scenario scenario, AssertablePublishedEvents events) {
        UUID id = placeOrderWhileProviderIsDown(1);

        scenario.publish(new PaymentAuthorized(id, "ref-2")).andWaitForEventOfType(OrderConfirmed.class)
                .matching(event -> event.orderId().equals(id)).toArrive();
        new EventRegistry(jdbc).awaitQuiet();
        scenario.publish(new PaymentAuthorized(id, "ref-2"))
                .andWaitForStateChange(() -> new EventRegistry(jdbc).incompleteFor(PaymentAuthorized.class) == 0)
                .andVerify(quiet -> {
                    assertThat(events.ofType(OrderConfirmed.class).matching(e -> e.orderId().equals(id))).hasSize(1);
                    assertThat(historyNotes(id)).containsOnlyOnce("Payment authorized (ref-2)");
                });
    }

    @Test
    void reservesAndChargesOnceWhenSagaEventsAreDeliveredTwice(Scenario scenario) {
        UUID id = placeOrder(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> status(id).equals("CONFIRMED"));

        // Deliver the first two steps of the finished saga again: nothing may move a second time.
        scenario.publish(new OrderPlaced(id, "olga@example.com", List.of(new OrderLine(sku, 2, new BigDecimal("4.50"))),
                        new BigDecimal("9.00"), "EUR"))
                .andWaitForStateChange(() -> new EventRegistry(jdbc).incomplete() == 0)
                .andVerify(quiet -> assertThat(stock()).isEqualTo("8/2"));
        scenario.publish(new StockReserved(id))
                .andWaitForStateChange(() -> new EventRegistry(jdbc).incomplete() == 0)
                .andVerify(quiet -> PaymentProviderStub.server()
                        .verify(1, postRequestedFor(urlPathEqualTo(PaymentProviderStub.AUTHORIZATIONS))
                                .withHeader("Idempotency-Key", equalTo("order-" + id))));
        assertThat(status(id)).isEqualTo("CONFIRMED");
    }

    private UUID placeOrderWhileProviderIsDown(int quantity) {
        PaymentProviderStub.server().stubFor(PaymentProviderStub.authorization().atPriority(1)
                .willReturn(aResponse().withStatus(503)));
        UUID id = placeOrder(quantity);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> stock().equals((10 - quantity) + "/" + quantity));
        return id;
    }

    private UUID placeOrder(int quantity) {
        MvcTestResult result = mvc.post().uri("/api/orders").header("Authorization", "Bearer " + TestTokens.customer("olga@example.com")).contentType(MediaType.APPLICATION_JSON).content("""
                {"customer": "Olga@Example.com", "lines": [{"sku": "%s", "quantity": %d}]}""".formatted(sku, quantity))
                .exchange();
        assertThat(result).hasStatus(201);
        String location = result.getResponse().getHeader("Location");
        return UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
    }

    private String stock() {
        return jdbc.sql("select available || '/' || reserved from inventory.stock where sku = :sku")
                .param("sku", sku).query(String.class).single();
    }

    private String status(UUID id) {
        return jdbc.sql("select status from orders.customer_order where id = :id").param("id", id).query(String.class).single();
    }

    private String reason(UUID id) {
        return jdbc.sql("select reason from orders.customer_order where id = :id").param("id", id).query(String.class).single();
    }

    private List<String> historyNotes(UUID id) {
        return jdbc.sql("select note from orders.order_history where order_id = :id order by at, id")
                .param("id", id).query(String.class).list();
    }
}
