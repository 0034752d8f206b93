package io.ficus.services.catalog.backfill;

import io.ficus.platform.testing.TestIssuer;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import io.ficus.services.catalog.CatalogHttp;
import io.ficus.services.catalog.CatalogServiceTest;
import io.ficus.services.catalog.products.ProductReplica;
import io.ficus.services.catalog.products.ReplicatedProduct;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The copy from the monolith's export (WireMock plays the monolith, a remote service seen from here; pages of
 * three products, as the test settings ask).
 */
@CatalogServiceTest
class BackfillTests {

    @LocalServerPort
    int port;

    @Autowired
    TestIssuer issuer;

    @Autowired
    Backfill backfill;

    @Autowired
    WireMockServer monolithStub;

    @Autowired
    ProductReplica replica;

    @Autowired
    BackfillStateRepository states;

    @Autowired
    JdbcClient jdbc;

    private CatalogHttp http;

    @BeforeEach
    void setUp() {
        http = new CatalogHttp(port, issuer);
        monolithStub.resetAll();
        jdbc.sql("delete from catalog.backfill").update();
    }

    @Test
    void copiesEveryPageAndRecordsItsCompletion() {
        stubThreePages("BA");

        BackfillState state = backfill.run();

        assertThat(state.status()).isEqualTo(BackfillState.COMPLETED);
        assertThat(state.rowsCopied()).isEqualTo(7);
        for (int i = 1; i <= 7; i++) {
            JsonNode product = http.get("/api/catalog/products/BA-00" + i).json();
            assertThat(product.get("name").asString()).isEqualTo("Product BA-00" + i);
            assertThat(product.get("price").asString()).isEqualTo(i + ".50");
        }
        assertThat(version("BA-007")).isEqualTo(107);
        monolithStub.verify(1, getRequestedFor(urlPathEqualTo("/api/catalog/export")).withQueryParam("limit", equalTo("3"))
                .withQueryParam("after", absent()));

        monolithStub.resetRequests();
        assertThat(backfill.run().status()).isEqualTo(BackfillState.COMPLETED);
        monolithStub.verify(0, getRequestedFor(urlPathEqualTo("/api/catalog/export")));
    }

    @Test
    void givesUpAfterBoundedRetriesAndResumesFromItsCursorOnTheNextRun() {
        stubThreePages("BB");
        monolithStub.stubFor(page("BB-003").willReturn(serverError()));

        BackfillState failed = backfill.run();

        assertThat(failed.status()).isEqualTo(BackfillState.FAILED);
        assertThat(failed.cursor()).isEqualTo("BB-003");
        assertThat(failed.rowsCopied()).isEqualTo(3);
        assertThat(failed.lastError()).contains("500");
        monolithStub.verify(3, getRequestedFor(urlPathEqualTo("/api/catalog/export")).withQueryParam("after", equalTo("BB-003")));
        JsonNode health = http.get("/actuator/health").json().get("components").get("backfill");
        assertThat(health.get("status").asString()).isEqualTo("DOWN");
        assertThat(health.get("details").get("cursor").asString()).isEqualTo("BB-003");

        stubThreePages("BB");
        BackfillState resumed = backfill.run();

        assertThat(resumed.status()).isEqualTo(BackfillState.COMPLETED);
        assertThat(resumed.rowsCopied()).isEqualTo(7);
        monolithStub.verify(1, getRequestedFor(urlPathEqualTo("/api/catalog/export")).withQueryParam("after", absent()));
        assertThat(http.get("/api/catalog/products/BB-007").status()).isEqualTo(200);
        assertThat(http.get("/actuator/health").json().get("components").get("backfill").get("status").asString())
                .isEqualTo("UP");
    }

    @Test
    void copyingAgainChangesNothingAndNeverOverwritesANewerVersion() {
        stubThreePages("BC");
        backfill.run();
        replica.apply(List.of(ReplicatedProduct.live("BC-002", 5_000, "Changed Since", "", new BigDecimal("9.99"), "EUR")));
        replica.apply(List.of(ReplicatedProduct.tombstone("BC-003", 5_001)));
        long before = count("BC-%");

        jdbc.sql("delete from catalog.backfill").update();
        BackfillState again = backfill.run();

        assertThat(again.status()).isEqualTo(BackfillState.COMPLETED);
        assertThat(count("BC-%")).isEqualTo(before);
        assertThat(version("BC-001")).isEqualTo(101);
        assertThat(http.get("/api/catalog/products/BC-002").json().get("name").asString()).isEqualTo("Changed Since");
        assertThat(http.get("/api/catalog/products/BC-003").status()).isEqualTo(404);
    }

    @Test
    void twoInstancesStartedTogetherCopyEveryPageOnce() throws Exception { // two replicas sharing one database
        stubThreePages("BE", 200); // slow pages: both instances are fetching at the same time
        ExecutorService instances = Executors.newFixedThreadPool(2);
        try {
            List<Future<BackfillState>> runs = instances.invokeAll(List.of(backfill::run, backfill::run));

            for (Future<BackfillState> run : runs) {
                assertThat(run.get(30, TimeUnit.SECONDS).status()).isEqualTo(BackfillState.COMPLETED);
            }
        }
        finally {
            instances.shutdownNow();
        }
        assertThat(jdbc.sql("select rows_copied from catalog.backfill").query(Long.class).single()).isEqualTo(7);
        assertThat(count("BE-%")).isEqualTo(7);
        assertThat(version("BE-007")).isEqualTo(107);
        // the instance that waited on the last page found the backfill complete, and did not ask past the end
        // (which failed a CI run: the export has no page after the last product, and its failure undid the other's
        // completion)
        monolithStub.verify(0, getRequestedFor(urlPathEqualTo("/api/catalog/export")).withQueryParam("after", equalTo("BE-007")));
    }

    @Test
    void aFailingInstanceLeavesAnotherInstancesCompletionAlone() {
        stubThreePages("BF");
        assertThat(backfill.run().status()).isEqualTo(BackfillState.COMPLETED);

        states.fail("an instance that gave up after the other had finished");

        assertThat(states.find().orElseThrow().status()).isEqualTo(BackfillState.COMPLETED);
    }

    @Test
    void refusesAMalformedPageAndCopiesNothingFromIt() {
        monolithStub.stubFor(page(null).willReturn(okJson("""
                {"items": [{"sku": "BD-001", "name": "No Price", "currency": "EUR", "version": 1}], "next": null}""")));

        BackfillState state = backfill.run();

        assertThat(state.status()).isEqualTo(BackfillState.FAILED);
        assertThat(state.lastError()).contains("BD-001");
        assertThat(http.get("/api/catalog/products/BD-001").status()).isEqualTo(404);
    }

    /** Seven products {prefix}-001…007 in pages of three, versions 101…107, prices 1.50…7.50. */
    private void stubThreePages(String prefix) {
        stubThreePages(prefix, 0);
    }

    private void stubThreePages(String prefix, int delayMillis) {
        monolithStub.stubFor(page(null).willReturn(okJson(body(prefix, 1, 3, prefix + "-003")).withFixedDelay(delayMillis)));
        monolithStub.stubFor(page(prefix + "-003").willReturn(okJson(body(prefix, 4, 6, prefix + "-006")).withFixedDelay(delayMillis)));
        monolithStub.stubFor(page(prefix + "-006").willReturn(okJson(body(prefix, 7, 7, null)).withFixedDelay(delayMillis)));
    }

    private static MappingBuilder page(String after) {
        return get(urlPathEqualTo("/api/catalog/export"))
                .withQueryParam("after", after == null ? absent() : equalTo(after));
    }

    private static String body(String prefix, int from, int to, String next) {
        StringBuilder items = new StringBuilder();
        for (int i = from; i <= to; i++) {
            items.append(i > from ? "," : "").append("""
                    {"sku": "%s-00%d", "name": "Product %s-00%d", "description": "copied", "price": "%d.50",
                     "currency": "EUR", "version": %d}""".formatted(prefix, i, prefix, i, i, 100 + i));
        }
        return "{\"items\": [" + items + "], \"next\": " + (next == null ? "null" : "\"" + next + "\"") + "}";
    }

    private long version(String sku) {
        return jdbc.sql("select version from catalog.product where sku = :sku").param("sku", sku).query(Long.class).single();
    }

    private long count(String pattern) {
        return jdbc.sql("select count(*) from catalog.product where sku like :pattern").param("pattern", pattern)
                .query(Long.class).single();
    }
}
