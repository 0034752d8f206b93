package io.ficus.reconciliation;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/** An export endpoint over real HTTP (JDK server on a free port) serving the records a test gives it, paged by sku. */
final class FakeExport implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final TreeMap<String, Map<String, Object>> records = new TreeMap<>();
    private final List<String> requests = new ArrayList<>();
    private volatile int failWith;
    private volatile String stuckNext;
    private volatile String requiredToken;

    FakeExport() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/catalog/export", this::serve);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/catalog/export");
    }

    FakeExport product(String sku, String name, String price, long version) {
        Map<String, Object> record = new HashMap<>();
        record.put("sku", sku);
        record.put("name", name);
        record.put("description", "");
        record.put("price", price);
        record.put("currency", "EUR");
        record.put("version", version);
        records.put(sku, record);
        return this;
    }

    FakeExport products(int count) {
        for (int i = 0; i < count; i++) {
            product("GEN-%05d".formatted(i), "Generated " + i, "1.00", i + 1);
        }
        return this;
    }

    /** Answers every request with this status and a problem body. */
    FakeExport failingWith(int status) {
        this.failWith = status;
        return this;
    }

    /** Always answers an empty page pointing at this {@code next}, as a broken export would. */
    FakeExport stuckAt(String next) {
        this.stuckNext = next;
        return this;
    }

    /** Answers 401 unless the request carries {@code Authorization: Bearer <token>}. */
    FakeExport requiringToken(String token) {
        this.requiredToken = token;
        return this;
    }

    List<String> requests() {
        return requests;
    }

    private void serve(HttpExchange exchange) throws IOException {
        requests.add(exchange.getRequestURI().getRawQuery());
        if (requiredToken != null
                && !("Bearer " + requiredToken).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            respond(exchange, 401, "{\"status\":401,\"title\":\"Unauthorized\"}");
            return;
        }
        if (failWith != 0) {
            respond(exchange, failWith, "{\"status\":" + failWith + ",\"title\":\"broken\"}");
            return;
        }
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        int limit = Integer.parseInt(query.getOrDefault("limit", "500"));
        String after = query.get("after");
        var tail = after == null ? records : records.tailMap(after, false);
        List<Map<String, Object>> items = tail.values().stream().limit(limit).toList();
        Map<String, Object> body = new HashMap<>();
        body.put("items", stuckNext != null ? List.of() : items);
        boolean more = tail.size() > limit;
        body.put("next", stuckNext != null ? stuckNext : more ? items.get(items.size() - 1).get("sku") : null);
        respond(exchange, 200, JSON.writeValueAsString(body));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] parts = pair.split("=", 2);
                query.put(parts[0], URLDecoder.decode(parts.length > 1 ? parts[1] : "", StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
