package io.ficus.shop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for tests that talk to the running shop over a real socket. */
public final class ShopHttp {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final String token;

    /** Without a token (an anonymous caller). */
    public ShopHttp(int port) {
        this("http://127.0.0.1:" + port, null);
    }

    private ShopHttp(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    /** The same shop, every request carrying this bearer token. */
    public ShopHttp withToken(String token) {
        return new ShopHttp(baseUrl, token);
    }

    /** As the customer with this login (a {@link TestTokens} token). */
    public ShopHttp asCustomer(String email) {
        return withToken(TestTokens.customer(email));
    }

    /** As staff (a {@link TestTokens} token). */
    public ShopHttp asStaff() {
        return withToken(TestTokens.staff());
    }

    public Response get(String path) {
        return send(request(path).GET().build());
    }

    public Response postJson(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public Response putJson(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Location").orElse(null), response.body());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(20));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    /** Creates a product and puts stock on the shelf through the admin API, as staff. */
    public void stock(String sku, String price, int available) {
        ShopHttp staff = asStaff();
        Response product = staff.postJson("/api/catalog/products", """
                {"sku": "%s", "name": "Test %s", "description": "for tests", "price": "%s", "currency": "EUR"}
                """.formatted(sku, sku, price));
        if (product.status() != 201) {
            throw new IllegalStateException("Could not create product " + sku + ": " + product);
        }
        Response stock = staff.putJson("/api/inventory/stock/" + sku, "{\"available\": " + available + "}");
        if (stock.status() != 200) {
            throw new IllegalStateException("Could not stock " + sku + ": " + stock);
        }
    }

    /** An HTTP answer with its body parsed on demand. */
    public record Response(int status, String contentType, String location, String body) {

        public JsonNode json() {
            return JSON.readTree(body);
        }
    }
}
