package io.ficus.services.catalog.products;

import org.springframework.beans.factory.annotation.Autowired;
import io.ficus.platform.testing.TestIssuer;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;

import io.ficus.services.catalog.CatalogHttp;
import io.ficus.services.catalog.CatalogServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monolith's catalog contract as this service serves it: fields, paging, search, writes and the
 * problem+json errors (the cross-app contract suite compares both sides in full).
 */
@CatalogServiceTest
class ProductApiTests {

    private static final String PROBLEM_JSON = "application/problem+json";

    @LocalServerPort
    int port;

    @Autowired
    TestIssuer issuer;

    private CatalogHttp http;

    @BeforeEach
    void setUp() {
        http = new CatalogHttp(port, issuer);
    }

    @Test
    void servesAProductWithExactlyTheMonolithsFields() {
        http.create("PA-100", "Fig Tree", "19.90");

        CatalogHttp.Response response = http.get("/api/catalog/products/PA-100");

        assertThat(response.status()).isEqualTo(200);
        JsonNode product = response.json();
        assertThat(product.propertyNames()).containsExactly("sku", "name", "description", "price", "currency");
        assertThat(product.get("price").isString()).isTrue();
        assertThat(product.get("price").asString()).isEqualTo("19.90");
        assertThat(product.get("description").asString()).isEqualTo("for tests");
    }

    @Test
    void searchesNameAndSkuCaseInsensitivelyAndPages() {
        http.create("PA-200", "Searchable Alpha", "1.00");
        http.create("PA-201", "Searchable Beta", "1.00");
        http.create("PA-202", "Other", "1.00");

        JsonNode page = http.get("/api/catalog/products?q=SEARCHABLE&size=1&page=1").json();
        assertThat(page.propertyNames()).containsExactly("items", "page", "size", "total");
        assertThat(page.get("total").asLong()).isEqualTo(2);
        assertThat(page.get("page").asInt()).isEqualTo(1);
        assertThat(page.get("size").asInt()).isEqualTo(1);
        assertThat(page.get("items")).extracting(item -> item.get("sku").asString()).containsExactly("PA-201");

        assertThat(http.get("/api/catalog/products?q=pa-20").json().get("total").asLong()).isEqualTo(3);
    }

    @Test
    void searchTakesPercentAndUnderscoreLiterally() {
        http.create("PA-300", "Sale 100% Fig", "1.00");
        http.create("PA-301", "Sale 1000 Figs", "1.00");
        http.create("PA-302", "Fig_Leaf", "1.00");

        assertThat(http.get("/api/catalog/products?q=100%25").json().get("items"))
                .extracting(item -> item.get("sku").asString()).containsExactly("PA-300");
        assertThat(http.get("/api/catalog/products?q=g_l").json().get("items"))
                .extracting(item -> item.get("sku").asString()).containsExactly("PA-302");
    }

    @Test
    void updatesDeletesAndRecreatesProducts() {
        http.create("PA-400", "Old Name", "9.00");

        CatalogHttp.Response updated = http.putJson("/api/catalog/products/PA-400",
                "{\"name\": \"New Name\", \"price\": \"9.50\", \"currency\": \"EUR\"}");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("name").asString()).isEqualTo("New Name");
        assertThat(updated.json().get("description").asString()).isEmpty();

        assertThat(http.delete("/api/catalog/products/PA-400").status()).isEqualTo(204);
        assertProblem(http.get("/api/catalog/products/PA-400"), 404);
        assertProblem(http.delete("/api/catalog/products/PA-400"), 404);
        assertThat(http.get("/api/catalog/products?q=PA-400").json().get("total").asLong()).isZero();

        CatalogHttp.Response recreated = http.putJson("/api/catalog/products/PA-400",
                "{\"name\": \"Back Again\", \"price\": \"9.90\", \"currency\": \"EUR\"}");
        assertThat(recreated.status()).isEqualTo(201);
        assertThat(recreated.location()).isEqualTo("/api/catalog/products/PA-400");
        assertThat(http.get("/api/catalog/products/PA-400").json().get("name").asString()).isEqualTo("Back Again");
    }

    @Test
    void createsWithLocationAndRefusesADuplicateWith409() {
        CatalogHttp.Response created = http.postJson("/api/catalog/products",
                "{\"sku\": \"PA-500\", \"name\": \"Fig\", \"price\": \"1.00\", \"currency\": \"EUR\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.location()).isEqualTo("/api/catalog/products/PA-500");

        CatalogHttp.Response duplicate = http.postJson("/api/catalog/products",
                "{\"sku\": \"PA-500\", \"name\": \"Again\", \"price\": \"1.00\", \"currency\": \"EUR\"}");
        assertProblem(duplicate, 409);
        assertThat(duplicate.json().get("detail").asString()).isEqualTo("Product PA-500 already exists");
    }

    @Test
    void namesEachInvalidFieldWith400() {
        CatalogHttp.Response response = http.postJson("/api/catalog/products",
                "{\"sku\": \"bad sku\", \"name\": \"\", \"price\": \"-1\", \"currency\": \"eu\"}");

        assertProblem(response, 400);
        assertThat(response.json().get("errors")).extracting(e -> e.get("field").asString())
                .containsExactly("currency", "name", "price", "sku");
    }

    @Test
    void rejectsBadBodiesWith400() {
        assertProblem(http.postJson("/api/catalog/products", "{\"name\": \"No Sku\", \"price\": \"1.00\", \"currency\": \"EUR\"}"), 400);
        assertProblem(http.putJson("/api/catalog/products/PA-600",
                "{\"sku\": \"PA-601\", \"name\": \"X\", \"price\": \"1.00\", \"currency\": \"EUR\"}"), 400);
        CatalogHttp.Response malformed = http.postJson("/api/catalog/products", "{\"sku\": ");
        assertProblem(malformed, 400);
        assertThat(malformed.json().get("detail").asString()).isEqualTo("Malformed JSON request body");
        assertProblem(http.postJson("/api/catalog/products",
                "{\"sku\": \"PA-602\", \"name\": \"X\", \"price\": \"1.00\", \"currency\": \"EUR\", \"admin\": true}"), 400);
        assertThat(http.get("/api/catalog/products/PA-602").status()).isEqualTo(404);
    }

    @Test
    void rejectsBadParametersWith400() {
        CatalogHttp.Response wronglyTyped = http.get("/api/catalog/products?page=first");
        assertProblem(wronglyTyped, 400);
        assertThat(wronglyTyped.json().get("detail").asString()).contains("page");

        CatalogHttp.Response outOfRange = http.get("/api/catalog/products?size=100000");
        assertProblem(outOfRange, 400);
        assertThat(outOfRange.json().get("errors").get(0).get("field").asString()).isEqualTo("size");
    }

    @Test
    void answersUnknownProductsWith404AndDeniesUnknownPaths() {
        CatalogHttp.Response unknown = http.get("/api/catalog/products/NO-SUCH-SKU");
        assertProblem(unknown, 404);
        assertThat(unknown.json().get("detail").asString()).isEqualTo("Unknown SKU NO-SUCH-SKU");
        // no access rule covers it: denied by default (ADR 0014), even to staff, before anything looks for it
        assertProblem(http.get("/api/catalog/nothing-here"), 403);
    }

    @Test
    void answersProtocolErrorsWithTheirStatuses() {
        assertProblem(http.send(http.request("/api/catalog/products").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("sku=PA-700")).build()), 415);
        assertProblem(http.delete("/api/catalog/products"), 405);
        assertProblem(http.send(http.request("/api/catalog/products").header("Accept", "application/xml").GET().build()), 406);
        assertProblem(http.send(http.request("/api/catalog/products").header("X-Hostile", "x".repeat(20_000)).GET().build()), 431);
    }

    @Test
    void rejectsOversizeBodiesWith413() {
        String oversize = "{\"sku\": \"PA-800\", \"name\": \"" + "X".repeat(100_000) + "\", \"price\": \"1.00\", \"currency\": \"EUR\"}";
        assertProblem(http.postJson("/api/catalog/products", oversize), 413);
        byte[] body = oversize.getBytes();
        assertProblem(http.send(http.request("/api/catalog/products").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build()), 413);
        assertThat(http.get("/api/catalog/products/PA-800").status()).isEqualTo(404);
    }

    @Test
    void exportsLiveProductsPageByPageWithTheirVersions() {
        http.create("PA-900", "Export One", "1.00");
        http.create("PA-901", "Export Two", "2.00");
        http.create("PA-902", "Export Three", "3.00");
        assertThat(http.delete("/api/catalog/products/PA-901").status()).isEqualTo(204);

        JsonNode first = http.get("/api/catalog/export?after=PA-8&limit=1").json();
        assertThat(first.propertyNames()).containsExactly("items", "next");
        JsonNode item = first.get("items").get(0);
        assertThat(item.propertyNames()).containsExactly("sku", "name", "description", "price", "currency", "version");
        assertThat(item.get("sku").asString()).isEqualTo("PA-900");
        assertThat(item.get("price").asString()).isEqualTo("1.00");
        assertThat(item.get("version").asLong()).isPositive();
        assertThat(first.get("next").asString()).isEqualTo("PA-900");

        JsonNode second = http.get("/api/catalog/export?after=PA-900&limit=1").json();
        assertThat(second.get("items").get(0).get("sku").asString()).isEqualTo("PA-902");
        assertThat(second.get("items").get(0).get("version").asLong()).isGreaterThan(item.get("version").asLong());

        JsonNode last = http.get("/api/catalog/export?after=PA-902&limit=1000").json();
        assertThat(last.get("next").isNull()).isTrue();
    }

    @Test
    void rejectsAnExportLimitOutOfRangeWith400NamingIt() {
        for (String limit : new String[] {"0", "1001", "many"}) {
            CatalogHttp.Response response = http.get("/api/catalog/export?limit=" + limit);
            assertProblem(response, 400);
            assertThat(response.json().toString()).contains("limit");
        }
    }

    private static void assertProblem(CatalogHttp.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith(PROBLEM_JSON);
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
        assertThat(response.json().get("title").asString()).isNotBlank();
    }
}
