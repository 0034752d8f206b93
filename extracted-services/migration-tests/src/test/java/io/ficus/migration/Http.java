package io.ficus.migration;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Small JSON-over-HTTP client for the test and its load; an I/O failure is an answer with status 0. */
final class Http {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    /** One answer: status (0 when there was none), body text, parsed JSON on demand. */
    record Answer(String request, int status, String body) {

        JsonNode json() {
            return JSON.readTree(body.isEmpty() ? "null" : body);
        }

        boolean ok() {
            return status >= 200 && status < 300;
        }

        @Override
        public String toString() {
            return request + " -> " + status + " " + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
        }
    }

    static Answer get(String url, String... headers) {
        return send("GET", url, null, headers);
    }

    static Answer put(String url, Object body, String... headers) {
        return send("PUT", url, body, headers);
    }

    static Answer post(String url, Object body, String... headers) {
        return send("POST", url, body, headers);
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code headers} are name, value pairs. */
    static Answer send(String method, String url, Object body, String... headers) {
        String json = body == null ? null : body instanceof String text ? text : JSON.writeValueAsString(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        String label = method + " " + url;
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(label, response.statusCode(), response.body());
        }
        catch (IOException e) {
            return new Answer(label, 0, e.toString());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(label, 0, "interrupted");
        }
    }
}
