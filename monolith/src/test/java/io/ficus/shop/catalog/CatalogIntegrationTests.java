package io.ficus.shop.catalog;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/** The catalog on its own: admin writes, listing, and the price lookup other modules use. */
@ApplicationModuleTest
@AutoConfigureMockMvc
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

        assertThat(mvc.put().uri("/api/catalog/products/C-300").contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\": \"New Name\", \"price\": \"9.50\", \"currency\": \"EUR\"}"))
                .hasStatusOk().bodyJson().extractingPath("$.name").isEqualTo("New Name");
        assertThat(mvc.delete().uri("/api/catalog/products/C-300")).hasStatus(204);
        assertThat(mvc.get().uri("/api/catalog/products/C-300")).hasStatus(404);
    }

    private void create(String sku, String name, String price) {
        assertThat(mvc.post().uri("/api/catalog/products").contentType(MediaType.APPLICATION_JSON).content("""
                {"sku": "%s", "name": "%s", "price": "%s", "currency": "EUR"}""".formatted(sku, name, price)))
                .hasStatus(201);
    }
}
