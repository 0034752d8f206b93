package io.ficus.shop.orders.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.ficus.shop.PaymentProviderStubInitializer;
import io.ficus.shop.TestTokens;
import io.ficus.shop.ShopHttp;
import io.ficus.shop.catalog.ProductChanged;
import io.ficus.shop.catalog.ProductReplicated;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Orders priced remotely ({@code ficus.orders.catalog.mode=remote}) from catalog-service, seen from its caller
 * as WireMock: every broken answer fails the placement with 503 and leaves no order behind.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ficus.orders.catalog.mode=remote",
        "ficus.orders.catalog.connect-timeout=500ms",
        "ficus.orders.catalog.read-timeout=500ms",
        "ficus.orders.catalog.max-attempts=3",
        "ficus.orders.catalog.retry-wait=20ms",
        // the breaker is not under test here: it must not open because of earlier tests
        "ficus.orders.catalog.breaker-minimum-calls=1000",
        // long enough that the cache test never depends on the machine's speed
        "ficus.orders.catalog.cache-ttl=60s" })
@ContextConfiguration(initializers = { PaymentProviderStubInitializer.class, TestTokens.Issuer.class })
class RemoteCatalogPricingTests {

    private static final WireMockServer CATALOG_SERVICE = start();
    private static final String SKU = "RC-001";
    private static final String PRODUCT_PATH = "/api/catalog/products/" + SKU;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RemoteCatalog remoteCatalog;

    @Autowired
    ApplicationEventPublisher events;

    private ShopHttp http;

    private static WireMockServer start() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        return server;
    }

    @DynamicPropertySource
    static void catalogServiceUrl(DynamicPropertyRegistry registry) {
        registry.add("ficus.orders.catalog.base-url", CATALOG_SERVICE::baseUrl);
    }

    @AfterAll
    static void stop() {
        CATALOG_SERVICE.stop();
    }

    @BeforeEach
    void setUp() {
        CATALOG_SERVICE.resetAll();
        remoteCatalog.reset();
        http = new ShopHttp(port).asStaff();
    }

    private static ResponseDefinitionBuilder product(String price, String currency) {
        return okJson("""
                {"sku": "%s", "name": "Remote Fig", "description": "", "price": %s, "currency": %s}"""
                .formatted(SKU, price, currency));
    }

    private ShopHttp.Response placeOrder() {
        return http.asCustomer("remo@example.com").postJson("/api/orders",
                "{\"customer\": \"remo@example.com\", \"lines\": [{\"sku\": \"" + SKU + "\", \"quantity\": 2}]}");
    }

    private long orders() {
        return jdbc.sql("select count(*) from orders.customer_order").query(Long.class).single();
    }

    private int productCalls() {
        return CATALOG_SERVICE.countRequestsMatching(getRequestedFor(urlPathEqualTo(PRODUCT_PATH)).build()).getCount();
    }

    private void assertUnavailableAndNoOrder(long ordersBefore) {
        ShopHttp.Response response = placeOrder();
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("status").asInt()).isEqualTo(503);
        assertThat(orders()).isEqualTo(ordersBefore);
    }

    @Test
    void pricesTheOrderFromCatalogService() {
        CATALOG_SERVICE.stubFor(get(urlPathEqualTo(PRODUCT_PATH)).willReturn(product("\"4.20\"", "\"EUR\"")));

        ShopHttp.Response response = placeOrder();

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("total").asString()).isEqualTo("8.40");
        assertThat(response.json().get("lines").get(0).get("name").asString()).isEqualTo("Remote Fig");
    }

    @Test
    void aSlowAnswerTimesOutAndFailsWith503() {
        long before = orders();
        CATALOG_SERVICE.stubFor(get(urlPathEqualTo(PRODUCT_PATH))
                .willReturn(product("\"4.20\"", "\"EUR\"").withFixedDelay(1500)));

        assertUnavailableAndNoOrder(before);
    }

    @Test
    void serverErrorsAreRetriedABoundedNumberOfTimesThenFailWith503() {
        long before = orders();
        CATALOG_SERVICE.stubFor(get(urlPathEqualTo(PRODUCT_PATH)).willReturn(aResponse().withStatus(500)));

        assertUnavailableAndNoOrder(before);
        assertThat(productCalls()).isEqualTo(3);
    }

    @Test
    void brokenAnswersFailWith503AndAreNeverUsedForPricing() {
        String[][] broken = {
                { "\"4.20\"", "\"EUR\"", "{not json" },
                { "null", "\"EUR\"", null },
                { "\"-1.00\"", "\"EUR\"", null },
                { "\"4.20\"", "\"euro\"", null },
                { "\"4.20\"", "\"EURO\"", null },
                { "\"abc\"", "\"EUR\"", null } };
        for (String[] answer : broken) {
            remoteCatalog.reset();
            CATALOG_SERVICE.resetAll();
            long before = orders();
            CATALOG_SERVICE.stubFor(get(urlPathEqualTo(PRODUCT_PATH)).willReturn(answer[2] != null
                    ? aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(answer[2])
                    : product(answer[0], answer[1])));

            assertUnavailableAndNoOrder(before);
        }
        // a missing price field altogether
        remoteCatalog.reset();
        CATALOG_SERVICE.resetAll();
        long before = orders();
        CATALOG_SERVICE.stubFor(get(urlPathEqualTo(PRODUCT_PATH))
                .willReturn(okJson("{\"sku\": \"" + SKU + "\", \"name\": \"Remote Fig\", \"currency\": \"EUR\"}")));
        assertUnavailableAndNoOrder(before);
    }

    @Test
    void anUnknownSkuIs404LikeInProcess() {
        CATALOG_SERVICE.stubFor(get(urlPathEqualTo(PRODUCT_PATH)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/problem+json").withBody("{\"status\": 404}")));
        long before = orders();

        ShopHttp.Response response = placeOrder();

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("detail").asString()).contains(SKU);
        assertThat(orders()).isEqualTo(before);
        // a 404 is an answer, not a failure: asked once, not retried
        assertThat(productCalls()).isEqualTo(1);
    }

    @Test
    void aCachedProductPricesTheNextOrderWithoutAnotherCall() {
        CATALOG_SERVICE.stubFor(get(urlPathEqualTo(PRODUCT_PATH)).willReturn(product("\"4.20\"", "\"EUR\"")));

        assertThat(placeOrder().status()).isEqualTo(201);
        assertThat(placeOrder().status()).isEqualTo(201);

        assertThat(productCalls()).isEqualTo(1);
    }

    @Test
    void aChangeFromCatalogServiceAppliedHereDropsTheCachedPrice() {
        CATALOG_SERVICE.stubFor(get(urlPathEqualTo(PRODUCT_PATH)).willReturn(product("\"4.20\"", "\"EUR\"")));
        assertThat(placeOrder().json().get("total").asString()).isEqualTo("8.40");

        CATALOG_SERVICE.stubFor(get(urlPathEqualTo(PRODUCT_PATH)).willReturn(product("\"5.00\"", "\"EUR\"")));
        events.publishEvent(new ProductReplicated(SKU, 42));

        assertThat(placeOrder().json().get("total").asString()).isEqualTo("10.00");
        assertThat(productCalls()).isEqualTo(2);
    }

    @Test
    void aChangeOfTheMonolithsOwnCatalogDropsTheCachedPrice() {
        CATALOG_SERVICE.stubFor(get(urlPathEqualTo(PRODUCT_PATH)).willReturn(product("\"4.20\"", "\"EUR\"")));
        assertThat(placeOrder().json().get("total").asString()).isEqualTo("8.40");

        CATALOG_SERVICE.stubFor(get(urlPathEqualTo(PRODUCT_PATH)).willReturn(product("\"6.00\"", "\"EUR\"")));
        events.publishEvent(new ProductChanged(UUID.randomUUID(), ProductChanged.Kind.UPDATED, SKU, 43,
                Instant.now(), "Remote Fig", "", new BigDecimal("6.00"), "EUR"));

        assertThat(placeOrder().json().get("total").asString()).isEqualTo("12.00");
        assertThat(productCalls()).isEqualTo(2);
    }

    @Test
    void theCacheForgetsAProductAfterItsTtl() {
        java.util.concurrent.atomic.AtomicReference<java.time.Instant> now =
                new java.util.concurrent.atomic.AtomicReference<>(java.time.Instant.parse("2026-12-01T13:00:00Z"));
        java.time.Clock clock = new java.time.Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public java.time.Instant instant() {
                return now.get();
            }
        };
        ProductCache cache = new ProductCache(Duration.ofSeconds(2), 10, clock);
        cache.put(SKU, java.util.Optional.empty());

        assertThat(cache.get(SKU)).isPresent();
        now.set(now.get().plusSeconds(2));
        assertThat(cache.get(SKU)).isEmpty();
    }
}
