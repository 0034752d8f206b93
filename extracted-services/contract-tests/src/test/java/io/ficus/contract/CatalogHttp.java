package io.ficus.contract;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain HTTP calls to one side (monolith or catalog-service), each answer wrapped for contract assertions. */
final class CatalogHttp {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String side;
    private final String baseUrl;
    private boolean asStaff;

    CatalogHttp(String side, String baseUrl) {
        this.side = side;
        this.baseUrl = baseUrl;
    }

    /** Every call as staff, with a fresh token of {@link ContractIssuer}. */
    static CatalogHttp asStaff(String side, String baseUrl) {
        return new CatalogHttp(side, baseUrl, true);
    }

    private CatalogHttp(String side, String baseUrl, boolean asStaff) {
        this.side = side;
        this.baseUrl = baseUrl;
        this.asStaff = asStaff;
    }

    ContractResponse get(String path) {
        return send("GET", path, null, null);
    }

    ContractResponse post(String path, String json) {
        return send("POST", path, json, "application/json");
    }

    ContractResponse put(String path, String json) {
        return send("PUT", path, json, "application/json");
    }

    ContractResponse delete(String path) {
        return send("DELETE", path, null, null);
    }

    ContractResponse send(String method, String path, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json, application/problem+json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (asStaff) {
            request.header("Authorization", "Bearer " + ContractIssuer.staff());
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new ContractResponse(side, method + " " + path, response.statusCode(), response.headers(),
                    response.body());
        }
        catch (IOException e) {
            throw new AssertionError(side + " " + method + " " + path + ": no answer (" + e + ")", e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
