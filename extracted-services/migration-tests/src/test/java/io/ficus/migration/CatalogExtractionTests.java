package io.ficus.migration;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.ficus.platform.testing.AppProcess;
import io.ficus.platform.testing.TestIssuer;
import io.ficus.platform.testing.TestVirtualHost;
import io.ficus.reconciliation.Reconciliation;
import io.ficus.reconciliation.ReconciliationReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The catalog extraction as a team would run it, with real processes: RabbitMQ (a virtual host of its own), the
 * monolith publishing its catalog changes, catalog-service backfilled from it and following its events, and the
 * strangler gateway in front. Under shop traffic through the gateway, catalog reads walk legacy → canary 10 →
 * canary 50 → live; the monolith is redeployed to price orders through catalog-service and follow its changes;
 * catalog writes go legacy → live. No request may fail, every order must be priced with the price current when
 * it was placed, both sides must reconcile, and rolling the reads back must still give correct answers.
 */
class CatalogExtractionTests {

    private static final Logger log = LoggerFactory.getLogger(CatalogExtractionTests.class);

    static final String ADMIN_PASSWORD = "migration-secret";
    /** The monolith's default: an order priced remotely may be charged a price replaced at most this long ago. */
    static final Duration REMOTE_PRICE_CACHE = Duration.ofSeconds(2);
    static final List<String> LOAD_SKUS = List.of("FIC-001", "FIC-002", "FIC-003");

    static TestVirtualHost broker;
    static AppProcess monolith;
    static AppProcess service;
    static AppProcess gateway;
    static GatewayAdmin admin;
    static TestIssuer issuer;

    @BeforeAll
    static void startTheShopTheServiceAndTheGateway() {
        broker = TestVirtualHost.create("migration");
        issuer = TestIssuer.start();
        AppProcess.Builder shop = AppProcess.of(AppJars.of("monolith"), "monolith").quickStart()
                .properties(broker.springProperties())
                .properties(issuer.springProperties())
                .property("ficus.messaging.externalization.enabled", true);
        AppProcess.Builder catalog = AppProcess.of(AppJars.of("catalog-service"), "catalog-service").quickStart()
                .properties(broker.springProperties())
                .properties(issuer.springProperties());
        GatewayProcess gatewayProcess = GatewayProcess.of("strangler-gateway");
        AppProcess.Builder proxy = gatewayProcess.builder
                .env("FICUS_LEGACY_URL", "http://127.0.0.1:" + shop.port())
                .env("FICUS_CATALOG_SERVICE_URL", "http://127.0.0.1:" + catalog.port())
                .env("FICUS_GATEWAY_ADMIN_PASSWORD", ADMIN_PASSWORD);
        // The gateway needs neither backend to start: it starts beside the monolith (each start takes a minute
        // or more on 2 cores); catalog-service starts once the monolith can answer its backfill.
        CompletableFuture<AppProcess> startingGateway = CompletableFuture.supplyAsync(proxy::start);
        monolith = shop.start();
        service = catalog.property("ficus.catalog.backfill.source-url", monolith.baseUrl()).start();
        gateway = startingGateway.join();
        admin = gatewayProcess.admin(ADMIN_PASSWORD);
    }

    @AfterAll
    static void stopEverything() {
        AppProcess.closeAll(gateway, service, monolith, broker, issuer);
    }

    @Test
    void theCatalogMovesToTheServiceUnderLoadWithoutAFailedRequestAndReadsRollBackCorrectly() {
        // Backfill: the service copied the monolith's catalog (24 demo products) and both sides reconcile.
        await("backfill").atMost(3, TimeUnit.MINUTES).pollInterval(Duration.ofSeconds(1))
                .until(() -> reconcile().isClean());
        assertThat(total(service.baseUrl())).isEqualTo(total(monolith.baseUrl())).isGreaterThanOrEqualTo(24);
        List<BackgroundLoad.Product> products = LOAD_SKUS.stream().map(this::product).toList();
        List<String> walk = new ArrayList<>();

        // Reads move while the monolith still owns writes (its events keep the service in sync).
        BackgroundLoad reading = new BackgroundLoad(gateway.baseUrl(), sides(), products, Duration.ofMinutes(8),
                Duration.ZERO, () -> issuer.staff("load-staff@example.com"),
                () -> issuer.customer("load@example.com")).start(2);
        awaitCycles(reading, 3);
        admin.canary("catalog-reads", 10, "migration test: first 10 %");
        walk.add(bothSidesAnswer("catalog-reads", reading));
        admin.canary("catalog-reads", 50, "migration test: no errors at 10 %");
        walk.add(bothSidesAnswer("catalog-reads", reading));
        admin.live("catalog-reads", "migration test: p99 and errors equal to legacy");
        walk.add(onlyServiceAnswers("catalog-reads", reading));
        reading.stop();
        assertThat(reading.failures()).as("failed requests while reads moved").isEmpty();

        // Redeploy the monolith for the write move: it prices orders through catalog-service and follows the
        // service's changes from now on (no traffic during its restart: a single instance cannot roll).
        monolith.stop();
        monolith = monolith.settings()
                .property("ficus.orders.catalog.mode", "remote")
                .property("ficus.orders.catalog.base-url", service.baseUrl())
                .property("ficus.orders.catalog.cache-ttl", REMOTE_PRICE_CACHE.toMillis() + "ms")
                .property("ficus.catalog.follow-service", true)
                .start();

        // Strict as well: a change evicts the product from the monolith's pricing cache (PricingCacheEviction)
        // before the worker can see it on both sides, so the cache never serves a replaced price here.
        BackgroundLoad writing = new BackgroundLoad(gateway.baseUrl(), sides(), products, Duration.ofMinutes(8),
                Duration.ZERO, () -> issuer.staff("load-staff@example.com"),
                () -> issuer.customer("load@example.com")).start(2);
        awaitCycles(writing, 3);
        // catalog-service fetches the issuer's metadata and keys in the background after startup, or when the first
        // token arrives (platform/jwt-keys, ADR 0014): a token accepted before writes move proves they are in, keeping
        // that fetch off the first writes under load (three of them answered 504 at the gateway on a loaded machine without it)
        assertThat(Http.get(service.baseUrl() + "/api/catalog/products/" + LOAD_SKUS.get(0), "Authorization",
                "Bearer " + issuer.staff("warm-up@example.com")).status()).as("a staff token at catalog-service")
                .isEqualTo(200);
        long serviceWritesBefore = admin.requests("catalog-writes", "service");
        admin.live("catalog-writes", "migration test: reads live, writes follow in one step");
        long cyclesAtSwitch = writing.cycles();
        awaitCycles(writing, cyclesAtSwitch + 3 * LOAD_SKUS.size());
        assertThat(admin.requests("catalog-writes", "service")).as("writes answered by catalog-service")
                .isGreaterThan(serviceWritesBefore);
        walk.add("catalog-writes live: " + sideFigures("catalog-writes"));
        writing.stop();
        assertThat(remotePricingCalls()).as("the monolith's HTTP calls to catalog-service for prices").isPositive();

        List<BackgroundLoad.PricedOrder> orders = new ArrayList<>(reading.orders());
        orders.addAll(writing.orders());
        log.info(String.format("Catalog extraction walk:%n  %s%n  load: %d requests, %d failed; %d orders priced in-process,"
                + " %d remotely (%d of them not at the current price)",
                String.join("\n  ", walk), reading.requests() + writing.requests(),
                reading.failures().size() + writing.failures().size(), reading.orders().size(), writing.orders().size(),
                writing.orders().stream().filter(order -> !order.pricedWithCurrentPrice()).count()));
        assertThat(writing.failures()).as("failed requests while writes moved").isEmpty();
        assertThat(orders).as("orders placed during the walk").hasSizeGreaterThanOrEqualTo(12)
                .allSatisfy(order -> assertThat(order.pricedRight())
                        .as("order %s for %s charged %s, price when placed %s (recently replaced: %s)", order.orderId(),
                                order.sku(), order.charged(), order.expected(), order.recentlySuperseded())
                        .isTrue());
        assertThat(reading.orders()).as("orders priced in-process: always the current price")
                .allMatch(BackgroundLoad.PricedOrder::pricedWithCurrentPrice);

        // Both sides hold the same products once the last changes have been followed.
        AtomicReference<ReconciliationReport> last = new AtomicReference<>();
        await("reconciliation").atMost(1, TimeUnit.MINUTES).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    last.set(reconcile());
                    return last.get().isClean();
                });
        log.info("Reconciliation at the end of the walk:\n{}", last.get().render(20));

        // Roll the reads back: the monolith followed the service's writes, so its answers are the current ones.
        admin.rollback("catalog-reads", "migration test: rollback drill");
        assertThat(admin.stage("catalog-reads")).isEqualTo("legacy");
        for (String sku : LOAD_SKUS) {
            Http.Answer throughGateway = Http.get(gateway.baseUrl() + "/api/catalog/products/" + sku);
            Http.Answer atService = Http.get(service.baseUrl() + "/api/catalog/products/" + sku);
            assertThat(throughGateway.status()).as(throughGateway.toString()).isEqualTo(200);
            assertThat(throughGateway.json()).as("%s after the rollback of reads", sku).isEqualTo(atService.json());
        }
        assertThat(Http.get(gateway.baseUrl() + "/api/catalog/products?size=100").json())
                .isEqualTo(Http.get(service.baseUrl() + "/api/catalog/products?size=100").json());

        // A row changed behind the service's back (no event, no version) is caught, by key and field.
        String altered = "FIC-010";
        alterPriceUnderTheService(altered, "+ 1.00");
        ReconciliationReport caught = reconcile();
        log.info("Reconciliation after altering a row:\n{}", caught.render(20));
        assertThat(caught.isClean()).isFalse();
        assertThat(caught.missingOnRight()).isEmpty();
        assertThat(caught.extraOnRight()).isEmpty();
        assertThat(caught.differences()).singleElement()
                .satisfies(difference -> assertThat(difference.key() + " " + difference.field()).isEqualTo(altered + " price"));
        alterPriceUnderTheService(altered, "- 1.00");
        assertThat(reconcile().isClean()).as("reconciliation once the row is put back").isTrue();
    }

    private static void alterPriceUnderTheService(String sku, String change) {
        try (Connection connection = DriverManager.getConnection(service.embeddedPostgresJdbcUrl(), "postgres", "");
                PreparedStatement update = connection.prepareStatement(
                        "update catalog.product set price = price " + change + " where sku = ?")) {
            update.setString(1, sku);
            assertThat(update.executeUpdate()).as("rows altered under catalog-service").isEqualTo(1);
        }
        catch (SQLException e) {
            throw new AssertionError("could not alter " + sku + " in catalog-service's database", e);
        }
    }

    /** Requests the monolith's HTTP clients made for catalog products (its metrics: only remote pricing does). */
    private static long remotePricingCalls() {
        Http.Answer tags = Http.get(monolith.baseUrl() + "/actuator/metrics/http.client.requests");
        assertThat(tags.status()).as(tags.toString()).isEqualTo(200);
        long calls = 0;
        for (JsonNode tag : tags.json().path("availableTags")) {
            if (tag.path("tag").asString().equals("uri")) {
                for (JsonNode uri : tag.path("values")) {
                    if (uri.asString().startsWith("/api/catalog/products")) {
                        Http.Answer count = Http.get(monolith.baseUrl() + "/actuator/metrics/http.client.requests?tag=uri:"
                                + URLEncoder.encode(uri.asString(), StandardCharsets.UTF_8));
                        calls += count.json().path("measurements").path(0).path("value").asLong();
                    }
                }
            }
        }
        return calls;
    }

    private ReconciliationReport reconcile() {
        return Reconciliation.between(URI.create(monolith.baseUrl() + "/api/catalog/export"),
                URI.create(service.baseUrl() + "/api/catalog/export")).key("sku").run();
    }

    private Map<String, String> sides() {
        Map<String, String> sides = new LinkedHashMap<>();
        sides.put("monolith", monolith.baseUrl());
        sides.put("catalog-service", service.baseUrl());
        return sides;
    }

    private BackgroundLoad.Product product(String sku) {
        JsonNode product = Http.get(monolith.baseUrl() + "/api/catalog/products/" + sku).json();
        return new BackgroundLoad.Product(sku, product.path("name").asString(), product.path("description").asString(),
                product.path("currency").asString());
    }

    private static long total(String baseUrl) {
        return Http.get(baseUrl + "/api/catalog/products?size=1").json().path("total").asLong();
    }

    private static void awaitCycles(BackgroundLoad load, long cycles) {
        await("load cycles").atMost(3, TimeUnit.MINUTES).pollInterval(Duration.ofMillis(200))
                .until(() -> load.cycles() >= cycles || !load.failures().isEmpty());
        assertThat(load.failures()).as("failed requests").isEmpty();
    }

    /** At a canary stage, callers land on both sides: each side's request count grows. */
    private static String bothSidesAnswer(String route, BackgroundLoad load) {
        long legacy = admin.requests(route, "legacy");
        long service = admin.requests(route, "service");
        await(route + " on both sides").atMost(2, TimeUnit.MINUTES).pollInterval(Duration.ofMillis(500))
                .until(() -> admin.requests(route, "legacy") > legacy + 20 && admin.requests(route, "service") > service + 5
                        || !load.failures().isEmpty());
        assertThat(load.failures()).as("failed requests at " + admin.stage(route)).isEmpty();
        return route + " " + admin.stage(route) + ": since the change legacy +" + (admin.requests(route, "legacy") - legacy)
                + ", service +" + (admin.requests(route, "service") - service) + "; " + sideFigures(route);
    }

    private static String onlyServiceAnswers(String route, BackgroundLoad load) {
        long service = admin.requests(route, "service");
        await(route + " live").atMost(2, TimeUnit.MINUTES).pollInterval(Duration.ofMillis(500))
                .until(() -> admin.requests(route, "service") > service + 10 || !load.failures().isEmpty());
        long legacy = admin.requests(route, "legacy");
        long serviceNow = admin.requests(route, "service");
        await(route + " live, more").atMost(2, TimeUnit.MINUTES).pollInterval(Duration.ofMillis(500))
                .until(() -> admin.requests(route, "service") > serviceNow + 10);
        assertThat(admin.requests(route, "legacy")).as(route + " requests to legacy once live").isEqualTo(legacy);
        assertThat(load.failures()).as("failed requests at live").isEmpty();
        return route + " live: since the change legacy +0, service +" + (admin.requests(route, "service") - service)
                + "; " + sideFigures(route);
    }

    /** The gateway's figures for a route so far: requests, errors and p99 per side. */
    private static String sideFigures(String route) {
        JsonNode stats = admin.route(route).path("stats");
        return "in all legacy " + side(stats.path("legacy")) + ", service " + side(stats.path("service"));
    }

    private static String side(JsonNode stats) {
        return "%d requests, %d errors, p99 %.0f ms".formatted(stats.path("requests").asLong(),
                stats.path("errors").asLong(), stats.path("p99Millis").asDouble());
    }
}
