package io.ficus.shop;

import java.time.Duration;
import java.util.UUID;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Orders against a payment provider that hangs or stays down, over real HTTP: a hanging call holds no lock and
 * no transaction, so other orders are read and placed meanwhile; a provider down for the whole give-up window
 * (3 s here) cancels the order and releases its stock, unless the provider reports it charged.
 */
@ShopApplicationTest
@TestPropertySource(properties = { "ficus.payments.provider.read-timeout=8s",
        "ficus.payments.provider.retry.give-up-after=3s" })
class PaymentResilienceTests {

    private static final Duration BOUND = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate tx;

    private ShopHttp http;
    private String sku;

    @BeforeEach
    void setUp() {
        PaymentProviderStub.reset();
        http = new ShopHttp(port).asStaff();
        sku = "P-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        http.stock(sku, "7.77", 10);
    }

    @Test
    void aProviderHangingFiveSecondsBlocksNeitherReadingNorPlacingOtherOrders() {
        String hanging = "hang@example.com";
        PaymentProviderStub.server().stubFor(PaymentProviderStub.authorization().atPriority(1)
                .withRequestBody(matchingJsonPath("$.customer", equalTo(hanging)))
                .willReturn(aResponse().withStatus(200).withFixedDelay(5_000).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"auth-slow\",\"status\":\"APPROVED\"}")));

        String slow = placeOrder(hanging, 1);
        await().atMost(BOUND).until(() -> providerCallInFlight(slow));

        // while the provider holds the call: the order's row is not locked by anyone
        String locked = tx.execute(status -> jdbc.sql("select status from orders.customer_order where id = :id for update nowait")
                .param("id", UUID.fromString(slow)).query(String.class).single());
        assertThat(locked).isEqualTo("PENDING");
        assertThat(openTransactionsInTheShop()).isZero();
        assertThat(http.get("/api/orders/" + slow).json().get("status").asString()).isEqualTo("PENDING");
        String other = placeOrder("quick@example.com", 2);
        await().atMost(BOUND).until(() -> status(other).equals("CONFIRMED"));
        assertThat(providerCallInFlight(slow)).as("the slow call is still in flight").isTrue();

        await().atMost(BOUND).until(() -> status(slow).equals("CONFIRMED"));
    }

    @Test
    void cancelsTheOrderAndReleasesItsStockWhenTheProviderStaysUnavailable() {
        String customer = "down@example.com";
        PaymentProviderStub.server().stubFor(forCustomer(customer).willReturn(aResponse().withStatus(503)));

        String id = placeOrder(customer, 3);
        PaymentProviderStub.server().stubFor(outcomeOf(id).willReturn(aResponse().withStatus(404)));

        await().atMost(BOUND).until(() -> status(id).equals("CANCELLED"));
        assertThat(http.get("/api/orders/" + id).json().get("reason").asString()).isEqualTo("Payment provider unavailable");
        await().atMost(BOUND).until(() -> stock().equals("10/0"));
    }

    @Test
    void confirmsAnOrderTheProviderChargedAlthoughItsAnswersWereLost() {
        String customer = "lost@example.com";
        PaymentProviderStub.server().stubFor(forCustomer(customer).willReturn(aResponse().withStatus(503)));

        String id = placeOrder(customer, 3);
        PaymentProviderStub.server().stubFor(outcomeOf(id).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"auth-lost\",\"status\":\"APPROVED\"}")));

        await().atMost(BOUND).until(() -> status(id).equals("CONFIRMED"));
        assertThat(stock()).isEqualTo("7/3");
        assertThat(jdbc.sql("select count(*) from orders.order_history where order_id = :id and status = 'CANCELLED'")
                .param("id", UUID.fromString(id)).query(Long.class).single()).isZero();
    }

    private boolean providerCallInFlight(String orderId) {
        return jdbc.sql("select count(*) from payments.payment where order_id = :id and status = 'PENDING'"
                        + " and in_flight_until > now() and attempts = 1")
                .param("id", UUID.fromString(orderId)).query(Long.class).single() == 1;
    }

    /** Connections of this database sitting in an open transaction, other than the one asking. */
    private long openTransactionsInTheShop() {
        return jdbc.sql("select count(*) from pg_stat_activity where datname = current_database()"
                        + " and state like 'idle in transaction%' and pid <> pg_backend_pid()")
                .query(Long.class).single();
    }

    private static MappingBuilder forCustomer(String customer) {
        return PaymentProviderStub.authorization().atPriority(1)
                .withRequestBody(matchingJsonPath("$.customer", equalTo(customer)));
    }

    private static MappingBuilder outcomeOf(String orderId) {
        return get(urlPathEqualTo(PaymentProviderStub.AUTHORIZATIONS + "/order-" + orderId)).atPriority(1);
    }

    private String placeOrder(String customer, int quantity) {
        ShopHttp.Response placed = http.asCustomer(customer).postJson("/api/orders", """
                {"customer": "%s", "lines": [{"sku": "%s", "quantity": %d}]}
                """.formatted(customer, sku, quantity));
        assertThat(placed.status()).isEqualTo(201);
        return placed.json().get("id").asString();
    }

    private String status(String id) {
        return http.get("/api/orders/" + id).json().get("status").asString();
    }

    private String stock() {
        return jdbc.sql("select available || '/' || reserved from inventory.stock where sku = :sku")
                .param("sku", sku).query(String.class).single();
    }
}
