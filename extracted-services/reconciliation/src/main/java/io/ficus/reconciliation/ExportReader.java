package io.ficus.reconciliation;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a whole export endpoint page by page ({@code ?limit=N&after=<next>} until {@code next} is null) into
 * records keyed by the key field, refusing anything that is not a well-formed export.
 */
final class ExportReader {

    private static final int ATTEMPTS = 3;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final Duration requestTimeout;
    private final String bearerToken;

    ExportReader(Duration connectTimeout, Duration requestTimeout, String bearerToken) {
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
        this.requestTimeout = requestTimeout;
        this.bearerToken = bearerToken;
    }

    Map<String, JsonNode> readAll(URI endpoint, String keyField, int pageSize) {
        Map<String, JsonNode> records = new LinkedHashMap<>();
        String after = null;
        do {
            URI page = pageUri(endpoint, pageSize, after);
            JsonNode body = fetch(page);
            JsonNode items = body.get("items");
            if (items == null || !items.isArray()) {
                throw new ReconciliationException(page + ": the answer has no 'items' array");
            }
            for (JsonNode item : items) {
                JsonNode key = item.get(keyField);
                if (key == null || key.isNull() || !key.isValueNode()) {
                    throw new ReconciliationException(page + ": an item has no '" + keyField + "': " + item);
                }
                if (records.putIfAbsent(key.asString(), item) != null) {
                    throw new ReconciliationException(page + ": '" + keyField + "' " + key.asString()
                            + " appears twice in the export");
                }
            }
            JsonNode next = body.get("next");
            String previous = after;
            after = next == null || next.isNull() ? null : next.asString();
            if (after != null && (items.isEmpty() || after.equals(previous))) {
                // a page that does not move forward would make us loop for ever
                throw new ReconciliationException(page + ": 'next' is " + after + " but the export did not advance");
            }
        }
        while (after != null);
        return records;
    }

    private static URI pageUri(URI endpoint, int pageSize, String after) {
        String base = endpoint.toString();
        StringBuilder uri = new StringBuilder(base).append(base.contains("?") ? '&' : '?').append("limit=").append(pageSize);
        if (after != null) {
            uri.append("&after=").append(URLEncoder.encode(after, StandardCharsets.UTF_8));
        }
        return URI.create(uri.toString());
    }

    private JsonNode fetch(URI page) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(page).timeout(requestTimeout)
                .header("Accept", "application/json").GET();
        if (bearerToken != null) {
            builder.header("Authorization", "Bearer " + bearerToken);
        }
        HttpRequest request = builder.build();
        IOException lastFailure = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new ReconciliationException(page + " answered " + response.statusCode() + ": "
                            + abbreviate(response.body()));
                }
                return JSON.readTree(response.body());
            }
            catch (JacksonException e) {
                throw new ReconciliationException(page + " answered malformed JSON: " + e.getOriginalMessage(), e);
            }
            catch (IOException e) {
                lastFailure = e; // a connection problem: the GET is safe to repeat, a bounded number of times
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ReconciliationException("interrupted while reading " + page, e);
            }
        }
        throw new ReconciliationException(page + " unreachable after " + ATTEMPTS + " attempts: " + lastFailure, lastFailure);
    }

    private static String abbreviate(String body) {
        return body.length() <= 300 ? body : body.substring(0, 300) + "…";
    }
}
