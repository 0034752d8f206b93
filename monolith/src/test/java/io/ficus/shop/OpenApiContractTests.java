package io.ficus.shop;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document is fit for a client generator, and real answers of the running shop match it: each
 * status is documented for its operation, and each body only has properties its documented schema declares.
 */
@ShopApplicationTest
class OpenApiContractTests {

    @LocalServerPort
    int port;

    private ShopHttp http;
    private JsonNode document;

    @BeforeEach
    void setUp() {
        http = new ShopHttp(port).asStaff();
        document = http.get("/v3/api-docs").json();
    }

    @Test
    void describesItselfWithTitleVersionAndDescription() {
        assertThat(document.get("info").get("title").asString()).isEqualTo("Ficus shop API");
        assertThat(document.get("info").get("version").asString()).isNotBlank().isNotEqualTo("v0");
        assertThat(document.get("info").get("description").asString()).isNotBlank();
    }

    @Test
    void namesNoAbsoluteServer() {
        document.get("servers").forEach(server -> assertThat(server.get("url").asString()).doesNotContain("://"));
    }

    @Test
    void namesEveryOperationAfterWhatItDoesOnce() {
        List<String> ids = new ArrayList<>();
        document.get("paths").properties().forEach(path -> path.getValue().properties()
                .forEach(operation -> ids.add(operation.getValue().get("operationId").asString())));

        assertThat(ids).doesNotHaveDuplicates().allMatch(id -> id.matches("[a-z]+[A-Z][A-Za-z]+"), "verbNoun without suffix");
        assertThat(ids).contains("placeOrder", "getOrder", "listOrders", "listProducts", "createProduct", "setStock");
    }

    @Test
    void documentsCreatesAs201WithLocationAndEveryOperationsProblems() {
        JsonNode place = operation("/api/orders", "post");

        assertThat(place.get("responses").has("200")).isFalse();
        assertThat(place.get("responses").get("201").get("headers").has("Location")).isTrue();
        for (String status : List.of("400", "404", "413", "415", "500")) {
            assertThat(place.get("responses").get(status).get("content").has("application/problem+json")).as(status).isTrue();
        }
        assertThat(operation("/api/catalog/products", "post").get("responses").has("409")).isTrue();
    }

    @Test
    void realAnswersMatchTheDocument() {
        String sku = "OA-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        http.stock(sku, "3.00", 5);

        ShopHttp.Response placed = http.asCustomer("oa@example.com").postJson("/api/orders",
                "{\"customer\": \"oa@example.com\", \"lines\": [{\"sku\": \"" + sku + "\", \"quantity\": 1}]}");
        assertMatches("/api/orders", "post", placed);
        assertThat(placed.location()).isEqualTo("/api/orders/" + placed.json().get("id").asString());

        assertMatches("/api/orders/{id}", "get", http.get("/api/orders/" + placed.json().get("id").asString()));
        assertMatches("/api/orders", "get", http.get("/api/orders?customer=oa@example.com"));
        assertMatches("/api/orders", "post", http.asCustomer("oa@example.com").postJson("/api/orders", "{\"customer\": \"oa@example.com\", \"lines\": []}"));
        assertMatches("/api/catalog/products/{sku}", "get", http.get("/api/catalog/products/NO-SUCH-SKU"));
        assertMatches("/api/catalog/products", "get", http.get("/api/catalog/products?size=2"));
        assertMatches("/api/inventory/stock/{sku}", "put", http.putJson("/api/inventory/stock/NO-SUCH-SKU", "{\"available\": 1}"));
    }

    private void assertMatches(String path, String method, ShopHttp.Response response) {
        JsonNode documented = operation(path, method).get("responses").get(String.valueOf(response.status()));
        assertThat(documented).as(method + " " + path + " answered " + response.status() + " which is not documented").isNotNull();
        JsonNode content = documented.get("content");
        assertThat(content).as("documented body of " + response.status()).isNotNull();
        String mediaType = response.contentType().startsWith("application/problem+json") ? "application/problem+json" : null;
        JsonNode schema = mediaType != null && content.has(mediaType)
                ? content.get(mediaType).get("schema")
                : content.properties().iterator().next().getValue().get("schema");
        if (mediaType != null) {
            assertThat(content.has(mediaType)).as("problem+json documented for " + response.status()).isTrue();
        }
        Set<String> declared = propertiesOf(schema);
        Set<String> actual = new HashSet<>();
        response.json().properties().forEach(property -> actual.add(property.getKey()));
        assertThat(declared).as(method + " " + path + " " + response.status()).containsAll(actual);
    }

    private Set<String> propertiesOf(JsonNode schema) {
        JsonNode resolved = schema;
        if (schema.has("$ref")) {
            String name = schema.get("$ref").asString().substring("#/components/schemas/".length());
            resolved = document.get("components").get("schemas").get(name);
        }
        Set<String> names = new HashSet<>();
        resolved.get("properties").properties().forEach(property -> names.add(property.getKey()));
        return names;
    }

    private JsonNode operation(String path, String method) {
        JsonNode operation = document.get("paths").get(path).get(method);
        assertThat(operation).as(method + " " + path).isNotNull();
        return operation;
    }
}
