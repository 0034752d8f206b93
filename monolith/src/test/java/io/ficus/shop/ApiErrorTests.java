package io.ficus.shop;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Every bad input gets an RFC 9457 problem with the right status, and nothing is written. */
@ShopApplicationTest
class ApiErrorTests {

    private static final String PROBLEM_JSON = "application/problem+json";

    @LocalServerPort
    int port;

    private ShopHttp http;

    @BeforeEach
    void setUp() {
        // the customer of the orders below; admin writes switch to staff
        http = new ShopHttp(port).asCustomer("a@example.com");
    }

    @Test
    void rejectsMalformedJsonWith400() {
        ShopHttp.Response response = http.postJson("/api/orders", "{\"customer\": \"a@example.com\", \"lines\": [");

        assertProblem(response, 400);
        assertThat(response.json().get("detail").asString()).isEqualTo("Malformed JSON request body");
    }

    @Test
    void rejectsWronglyTypedFieldWith400() {
        ShopHttp.Response response = http.postJson("/api/orders",
                "{\"customer\": \"a@example.com\", \"lines\": [{\"sku\": \"FIC-001\", \"quantity\": \"many\"}]}");

        assertProblem(response, 400);
    }

    @Test
    void rejectsUnknownFieldWith400() {
        ShopHttp.Response response = http.postJson("/api/orders",
                "{\"customer\": \"a@example.com\", \"admin\": true, \"lines\": [{\"sku\": \"FIC-001\", \"quantity\": 1}]}");

        assertProblem(response, 400);
    }

    @Test
    void namesEachInvalidFieldWith400() {
        ShopHttp.Response response = http.postJson("/api/orders",
                "{\"customer\": \"not-an-email\", \"lines\": [{\"sku\": \"FIC-001\", \"quantity\": 0}]}");

        assertProblem(response, 400);
        JsonNode problem = response.json();
        assertThat(problem.get("errors")).extracting(e -> e.get("field").asString())
                .containsExactly("customer", "lines[0].quantity");
        assertThat(problem.get("detail").asString()).contains("customer").contains("lines[0].quantity");
    }

    @Test
    void rejectsEmptyOrderWith400() {
        ShopHttp.Response response = http.postJson("/api/orders", "{\"customer\": \"a@example.com\", \"lines\": []}");

        assertProblem(response, 400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("lines");
    }

    @Test
    void rejectsOrderForUnknownSkuWith404() {
        ShopHttp.Response response = http.postJson("/api/orders",
                "{\"customer\": \"a@example.com\", \"lines\": [{\"sku\": \"NO-SUCH-SKU\", \"quantity\": 1}]}");

        assertProblem(response, 404);
        assertThat(response.json().get("detail").asString()).isEqualTo("Unknown SKU: NO-SUCH-SKU");
    }

    @Test
    void answersUnknownProductWith404() {
        assertProblem(http.get("/api/catalog/products/NO-SUCH-SKU"), 404);
    }

    @Test
    void answersUnknownOrderIdWith404() {
        assertProblem(http.get("/api/orders/00000000-0000-0000-0000-000000000000"), 404);
        assertProblem(http.get("/api/orders/not-a-uuid"), 404);
    }

    @Test
    void answersUnknownPathAsDeniedNotAsMissing() {
        // deny by default: a path no rule names is refused before anything could tell whether it exists
        assertProblem(new ShopHttp(port).get("/api/nothing-here"), 401);
        assertProblem(http.get("/api/nothing-here"), 403);
    }

    @Test
    void refusesAnOrderInAnotherCustomersNameWith403() {
        ShopHttp.Response response = http.postJson("/api/orders",
                "{\"customer\": \"b@example.com\", \"lines\": [{\"sku\": \"FIC-001\", \"quantity\": 1}]}");

        assertProblem(response, 403);
        assertThat(response.json().get("detail").asString()).contains("customer");
    }

    @Test
    void rejectsWrongMediaTypeWith415() {
        ShopHttp.Response response = http.send(http.request("/api/orders").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("customer=a")).build());

        assertProblem(response, 415);
    }

    @Test
    void rejectsDeclaredOversizeBodyWith413() {
        ShopHttp.Response response = http.postJson("/api/orders", oversizeOrder());

        assertProblem(response, 413);
    }

    @Test
    void rejectsChunkedOversizeBodyWith413() {
        byte[] body = oversizeOrder().getBytes();
        ShopHttp.Response response = http.send(http.request("/api/orders").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build());

        assertProblem(response, 413);
    }

    @Test
    void rejectsOversizeHeadersWith431() {
        ShopHttp.Response response = http.send(http.request("/api/catalog/products")
                .header("X-Hostile", "x".repeat(20_000)).GET().build());

        assertProblem(response, 431);
    }

    @Test
    void rejectsWronglyTypedParameterWith400() {
        ShopHttp.Response response = http.get("/api/catalog/products?page=first");

        assertProblem(response, 400);
        assertThat(response.json().get("detail").asString()).contains("page");
    }

    @Test
    void rejectsOutOfRangeParameterWith400() {
        assertProblem(http.get("/api/catalog/products?size=100000"), 400);
    }

    @Test
    void rejectsInvalidStockUpdateWith400() {
        assertProblem(http.asStaff().putJson("/api/inventory/stock/FIC-001", "{\"available\": -1}"), 400);
    }

    @Test
    void rejectsDuplicateProductWith409() {
        assertProblem(http.asStaff().postJson("/api/catalog/products",
                "{\"sku\": \"FIC-001\", \"name\": \"Again\", \"price\": \"1.00\", \"currency\": \"EUR\"}"), 409);
    }

    private static String oversizeOrder() {
        return "{\"customer\": \"a@example.com\", \"lines\": [{\"sku\": \"" + "X".repeat(100_000) + "\", \"quantity\": 1}]}";
    }

    private static void assertProblem(ShopHttp.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith(PROBLEM_JSON);
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
        assertThat(response.json().get("title").asString()).isNotBlank();
    }
}
