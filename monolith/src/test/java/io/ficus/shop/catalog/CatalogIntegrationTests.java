package io.ficus.shop.catalog;

import io.ficus.shop.TestTokens;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.http.MediaType;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.AssertablePublishedEvents;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/** The catalog on its own: admin writes, listing, and the price lookup other modules use. */
@ApplicationModuleTest
@AutoConfigureMockMvc
// the shared system module brings the access rules; TestTokens an issuer whose tokens they check
@ContextConfiguration(initializers = TestTokens.Issuer.class)
class CatalogIntegrationTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    ProductCatalog catalog;

    @Test
    void loadsNoDemoProductsWhenDemoDataIsSwitchedOff() {
        assertThat(mvc.get().uri("/api/catalog/products/FIC-001")).hasStatus(404);
    }

    @Test
    void findsCreatedProductsBySkuAndIgnoresUnknownOnes() {
        create("C-100", "Fig Jam", "4.20");
        create("C-101", "Fig Roll", "2.10");

        assertThat(catalog.findBySkus(List.of("C-100", "C-101", "C-NOPE")))
                .containsOnlyKeys("C-100", "C-101")
                .hasEntrySatisfying("C-100", product -> {
                    assertThat(product.name()).isEqualTo("Fig Jam");
                    assertThat(product.price()).isEqualByComparingTo("4.20");
                    assertThat(product.currency()).isEqualTo("EUR");
                });
    }

    @Test
    void searchesByNameAndPages() {
        create("C-200", "Searchable Alpha", "1.00");
        create("C-201", "Searchable Beta", "1.00");
        create("C-202", "Other", "1.00");

        assertThat(mvc.get().uri("/api/catalog/products?q=searchable&size=1&page=1")).hasStatusOk().bodyJson()
                .satisfies(json -> {
                    json.assertThat().extractingPath("$.total").asNumber().isEqualTo(2);
                    json.assertThat().extractingPath("$.items[0].sku").isEqualTo("C-201");
                    json.assertThat().extractingPath("$.items[0].price").isEqualTo("1.00");
                });
    }

    @Test
    void updatesAndDeletesProducts() {
        create("C-300", "Old Name", "9.00");

        assertThat(mvc.put().uri("/api/catalog/products/C-300").header("Authorization", "Bearer " + TestTokens.staff()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\": \"New Name\", \"price\": \"9.50\", \"currency\": \"EUR\"}"))
                .hasStatusOk().bodyJson().extractingPath("$.name").isEqualTo("New Name");
        assertThat(mvc.delete().uri("/api/catalog/products/C-300").header("Authorization", "Bearer " + TestTokens.staff())).hasStatus(204);
        assertThat(mvc.get().uri("/api/catalog/products/C-300")).hasStatus(404);
    }

    @Test
    void everyWritePublishesProductChangedWithAHigherVersion(AssertablePublishedEvents events) {
        create("C-400", "Versioned", "3.00");
        assertThat(mvc.put().uri("/api/catalog/products/C-400").header("Authorization", "Bearer " + TestTokens.staff()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\": \"Versioned 2\", \"price\": \"3.50\", \"currency\": \"EUR\"}")).hasStatusOk();
        assertThat(mvc.delete().uri("/api/catalog/products/C-400").header("Authorization", "Bearer " + TestTokens.staff())).hasStatus(204);
        create("C-400", "Versioned again", "4.00");

        List<ProductChanged> changes = new java.util.ArrayList<>();
        events.ofType(ProductChanged.class).matching(e -> "C-400".equals(e.sku())).forEach(changes::add);
        assertThat(changes).extracting(ProductChanged::kind).containsExactly(ProductChanged.Kind.CREATED,
                ProductChanged.Kind.UPDATED, ProductChanged.Kind.DELETED, ProductChanged.Kind.CREATED);
        assertThat(changes).extracting(ProductChanged::version).isSorted().doesNotHaveDuplicates();
        assertThat(changes.get(1).price()).isEqualByComparingTo("3.50");
        assertThat(changes.get(1).routingKey()).isEqualTo("product.updated");
        assertThat(changes.get(2).name()).isNull();
        assertThat(changes.get(2).price()).isNull();
        assertThat(changes.get(2).routingKey()).isEqualTo("product.deleted");
    }

    @Test
    void rejectedWritesPublishNothing(AssertablePublishedEvents events) {
        create("C-450", "Once", "1.00");
        assertThat(mvc.post().uri("/api/catalog/products").header("Authorization", "Bearer " + TestTokens.staff()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"sku\": \"C-450\", \"name\": \"Twice\", \"price\": \"1.00\", \"currency\": \"EUR\"}"))
                .hasStatus(409);
        assertThat(mvc.delete().uri("/api/catalog/products/C-NOTHERE").header("Authorization", "Bearer " + TestTokens.staff())).hasStatus(404);

        assertThat(events.ofType(ProductChanged.class).matching(e -> "C-450".equals(e.sku()))).hasSize(1);
        assertThat(events.ofType(ProductChanged.class).matching(e -> "C-NOTHERE".equals(e.sku()))).isEmpty();
    }

    @Test
    void exportPagesLiveProductsBySkuWithTheirVersions() {
        create("X-501", "Export One", "1.00");
        create("X-502", "Export Two", "2.00");
        create("X-503", "Export Three", "3.00");
        assertThat(mvc.delete().uri("/api/catalog/products/X-502").header("Authorization", "Bearer " + TestTokens.staff())).hasStatus(204);

        assertThat(mvc.get().uri("/api/catalog/export?after=X-500&limit=1")).hasStatusOk().bodyJson().satisfies(json -> {
            json.assertThat().extractingPath("$.items.length()").isEqualTo(1);
            json.assertThat().extractingPath("$.items[0].sku").isEqualTo("X-501");
            json.assertThat().extractingPath("$.items[0].price").isEqualTo("1.00");
            json.assertThat().extractingPath("$.items[0].currency").isEqualTo("EUR");
            json.assertThat().extractingPath("$.items[0].description").isEqualTo("");
            json.assertThat().extractingPath("$.items[0].version").asNumber().isNotNull();
            json.assertThat().extractingPath("$.next").isEqualTo("X-501");
        });
        // the deleted X-502 is skipped; X-503 is the last product, so there is no next page
        assertThat(mvc.get().uri("/api/catalog/export?after=X-501&limit=5")).hasStatusOk().bodyJson().satisfies(json -> {
            json.assertThat().extractingPath("$.items[*].sku").asArray().containsExactly("X-503");
            json.assertThat().extractingPath("$.next").isNull();
        });
    }

    @Test
    void exportRejectsALimitOutOfRangeNamingIt() {
        for (String limit : new String[] { "0", "1001", "lots" }) {
            assertThat(mvc.get().uri("/api/catalog/export?limit=" + limit)).hasStatus(400)
                    .hasContentType("application/problem+json").bodyText().contains("limit");
        }
    }

    @Test
    void productJsonDoesNotGainTheVersion() {
        create("C-600", "No Version Shown", "1.00");
        assertThat(mvc.get().uri("/api/catalog/products/C-600")).hasStatusOk().bodyJson()
                .doesNotHavePath("$.version");
    }

    private void create(String sku, String name, String price) {
        assertThat(mvc.post().uri("/api/catalog/products").header("Authorization", "Bearer " + TestTokens.staff()).contentType(MediaType.APPLICATION_JSON).content("""
                {"sku": "%s", "name": "%s", "price": "%s", "currency": "EUR"}""".formatted(sku, name, price)))
                .hasStatus(201);
    }
}
