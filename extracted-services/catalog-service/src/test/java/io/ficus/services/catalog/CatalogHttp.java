package io.ficus.services.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.ficus.platform.testing.TestIssuer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain HTTP client for tests that talk to the running service over a real socket, as a staff member (a fresh token
 * of the test issuer on each request): the catalog's writes need the staff role. The authorization matrix itself is
 * {@code CatalogAuthorizationTests}.
 */
public final class CatalogHttp {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String baseUrl;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final TestIssuer issuer;

    public CatalogHttp(int port, TestIssuer issuer) {
        this.baseUrl = "http://127.0.0.1:" + port;
        this.issuer = issuer;
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

    public Response delete(String path) {
        return send(request(path).DELETE().build());
    }

    public Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
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
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + issuer.staff("staff@example.com"));
    }

    /** Creates a product through the API and fails unless it was created. */
    public void create(String sku, String name, String price) {
        Response response = postJson("/api/catalog/products", """
                {"sku": "%s", "name": "%s", "description": "for tests", "price": "%s", "currency": "EUR"}
                """.formatted(sku, name, price));
        if (response.status() != 201) {
            throw new IllegalStateException("Could not create product " + sku + ": " + response);
        }
    }

    /** An HTTP answer with its body parsed on demand. */
    public record Response(int status, String contentType, String location, String body) {

        public JsonNode json() {
            return JSON.readTree(body);
        }
    }
}
