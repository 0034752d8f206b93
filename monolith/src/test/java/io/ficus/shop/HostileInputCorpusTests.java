package io.ficus.shop;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bad-input corpus: every case is a raw HTTP request (sent over a socket, so broken encodings and short bodies
 * reach the shop as they are) with the status it must get, always as {@code application/problem+json}, and the
 * field or parameter the answer must name. After each case the shop is healthy and no row was added or changed.
 * Each case carries the token its endpoint needs, so it is judged on its input, not refused for want of a token.
 */
@ShopApplicationTest
class HostileInputCorpusTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Text that must never be stored, as JSON escapes: controls (C0, DEL, C1) and bidirectional controls. */
    private static final List<String> BAD_CHARACTERS = List.of("\\u0000", "\\u0001", "\\u0007", "\\u001b", "\\u007f",
            "\\u0085", "\\u202e", "\\u2066", "\\u200f", "\\u061c");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void shopIsUp() {
        assertThat(new ShopHttp(port).get("/actuator/health").status()).isEqualTo(200);
    }

    static Stream<Case> corpus() {
        List<Case> cases = new ArrayList<>();
        for (String bad : BAD_CHARACTERS) {
            String order = "{\"customer\": \"%s\", \"lines\": [{\"sku\": \"%s\", \"quantity\": 1}]}";
            cases.add(json("POST", "/api/orders", order.formatted("pat" + bad + "@example.com", "FIC-001"), 400, "customer"));
            cases.add(json("POST", "/api/orders", order.formatted("pat@example.com", "FIC-001" + bad), 400, "lines[0].sku"));
            String product = "{\"sku\": \"%s\", \"name\": \"%s\", \"description\": \"%s\", \"price\": \"1.00\", \"currency\": \"%s\"}";
            cases.add(json("POST", "/api/catalog/products", product.formatted("HX-1" + bad, "Fig", "", "EUR"), 400, "sku"));
            cases.add(json("POST", "/api/catalog/products", product.formatted("HX-2", "Fig" + bad, "", "EUR"), 400, "name"));
            cases.add(json("POST", "/api/catalog/products", product.formatted("HX-3", "Fig", "A" + bad + "B", "EUR"), 400, "description"));
            cases.add(json("PUT", "/api/catalog/products/FIC-001", product.formatted("FIC-001", "Fig", "", "EU" + bad), 400, "currency"));
        }
        for (String query : List.of("%00", "%01", "%1b", "%7f", "%c2%85", "%e2%80%ae", "%e2%81%a6", "a%00b")) {
            cases.add(get("/api/catalog/products?q=" + query, 400, "q"));
        }
        for (String query : List.of("%ff%fe", "%c0%80", "%c0%af", "%e2%28%a1", "%ed%a0%80", "%", "%zz", "%4", "abc%e2%82")) {
            cases.add(get("/api/catalog/products?q=" + query, 400, "q"));
        }
        cases.add(get("/api/notifications?customer=a%00@example.com", 400, "customer"));
        cases.add(get("/api/notifications?customer=a%e2%80%ae@example.com", 400, "customer"));
        cases.add(get("/api/notifications?customer=%ff", 400, "customer"));
        cases.add(get("/api/catalog/products?page=%00", 400, "page"));
        cases.add(get("/api/catalog/products?size=%e2%80%ae", 400, "size"));
        cases.add(get("/api/catalog/products/FIC%00", 400, "path"));
        cases.add(get("/api/catalog/products/FIC%e2%80%ae", 400, "path"));
        cases.add(get("/api/inventory/stock/FIC%ff", 400, "path"));
        cases.add(get("/api/orders/%1b%5b2J", 400, "path"));

        String line = "{\"customer\": \"pat@example.com\", \"lines\": [{\"sku\": \"FIC-001\", \"quantity\": %s}]}";
        cases.add(json("POST", "/api/orders", line.formatted("1, \"quantity\": 1000"), 400, "lines[0].quantity"));
        cases.add(json("POST", "/api/orders", "{\"customer\": \"a@example.com\", \"customer\": \"b@example.com\", \"lines\": []}", 400, "customer"));
        cases.add(json("POST", "/api/orders", "{\"customer\": \"a@example.com\", \"lines\": [], \"lines\": [{\"sku\": \"FIC-001\", \"quantity\": 1}]}", 400, "lines"));
        cases.add(json("POST", "/api/orders", line.formatted("1.5"), 400, "lines[0].quantity"));
        cases.add(json("POST", "/api/orders", line.formatted("1.0"), 400, "lines[0].quantity"));
        cases.add(json("POST", "/api/orders", line.formatted("1e2"), 400, "lines[0].quantity"));
        cases.add(json("POST", "/api/orders", line.formatted("\"2\""), 400, "lines[0].quantity"));
        cases.add(json("POST", "/api/orders", line.formatted("true"), 400, "lines[0].quantity"));
        cases.add(json("POST", "/api/orders", "{\"customer\": 42, \"lines\": [{\"sku\": \"FIC-001\", \"quantity\": 1}]}", 400, "customer"));
        cases.add(json("POST", "/api/orders", "{\"customer\": \"pat@example.com\", \"lines\": [{\"sku\": 1001, \"quantity\": 1}]}", 400, "lines[0].sku"));
        cases.add(json("PUT", "/api/inventory/stock/FIC-001", "{\"available\": \"5\"}", 400, "available"));
        cases.add(json("PUT", "/api/inventory/stock/FIC-001", "{\"available\": 5.5}", 400, "available"));
        cases.add(json("PUT", "/api/inventory/stock/FIC-001", "{\"available\": 5, \"available\": 900000}", 400, "available"));
        cases.add(json("POST", "/api/catalog/products",
                "{\"sku\": \"HX-9\", \"name\": \"Fig\", \"price\": \"1.00\", \"price\": \"0.01\", \"currency\": \"EUR\"}", 400, "price"));

        String[][] brokenUtf8 = { { "C0AF", "overlong slash" }, { "C080", "overlong NUL" }, { "80", "lone continuation byte" },
                { "E282", "truncated sequence" }, { "EDA080", "encoded surrogate" }, { "FF", "byte never in UTF-8" },
                { "F4908080", "beyond U+10FFFF" } };
        for (String[] broken : brokenUtf8) {
            cases.add(raw(broken[1] + " in a JSON string", "POST", "/api/orders", "application/json",
                    concat("{\"customer\": \"pat".getBytes(StandardCharsets.UTF_8), hex(broken[0]),
                            "@example.com\", \"lines\": [{\"sku\": \"FIC-001\", \"quantity\": 1}]}".getBytes(StandardCharsets.UTF_8)),
                    400, "body"));
        }

        String boundary = "----ficus";
        byte[] multipart = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"customer\"\r\n\r\npat@example.com\r\n--"
                + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        cases.add(raw("multipart order", "POST", "/api/orders", "multipart/form-data; boundary=" + boundary, multipart, 415, null));
        cases.add(raw("multipart product", "POST", "/api/catalog/products", "multipart/form-data; boundary=" + boundary, multipart, 415, null));
        cases.add(raw("multipart mixed", "PUT", "/api/inventory/stock/FIC-001", "multipart/mixed; boundary=" + boundary, multipart, 415, null));
        cases.add(raw("form-encoded order", "POST", "/api/orders", "application/x-www-form-urlencoded",
                "customer=pat%40example.com".getBytes(StandardCharsets.UTF_8), 415, null));
        cases.add(raw("xml order", "POST", "/api/orders", "application/xml", "<order/>".getBytes(StandardCharsets.UTF_8), 415, null));
        cases.add(raw("text order", "POST", "/api/orders", "text/plain", "order".getBytes(StandardCharsets.UTF_8), 415, null));

        cases.add(raw("TRACE at the root", "TRACE", "/", null, null, 405, null));
        cases.add(raw("TRACE on orders", "TRACE", "/api/orders", null, null, 405, null));
        cases.add(raw("TRACK on orders", "TRACK", "/api/orders", null, null, 405, null));
        cases.add(raw("DELETE all orders", "DELETE", "/api/orders", null, null, 405, null));
        cases.add(raw("PATCH a product", "PATCH", "/api/catalog/products/FIC-001", "application/json",
                "{}".getBytes(StandardCharsets.UTF_8), 405, null));

        cases.add(json("PUT", "/api/inventory/stock/NO-SUCH-SKU", "{\"available\": 5}", 404, null));
        cases.add(json("PUT", "/api/inventory/stock/ZZ-404", "{\"available\": 0}", 404, null));
        cases.add(json("POST", "/api/orders", "{\"customer\": \"pat@example.com\", \"lines\": [{\"sku\": \"NO-SUCH\", \"quantity\": 1}]}", 404, null));

        cases.add(new Case("body shorter than its Content-Length", "POST", "/api/orders", "application/json",
                "{\"customer\": \"pat@exa".getBytes(StandardCharsets.UTF_8), 200, 408, null));
        cases.add(json("POST", "/api/orders", "{\"customer\": \"pat@example.com\", \"lines\": [", 400, null));
        cases.add(json("POST", "/api/orders", "[]", 400, null));
        cases.add(json("POST", "/api/orders", "null", 400, null));
        return cases.stream();
    }

    @Test
    void theCorpusHoldsAtLeastAHundredCases() {
        assertThat(corpus().count()).isGreaterThanOrEqualTo(100);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("corpus")
    void refusesWithAProblemAndChangesNothing(Case hostile) {
        Snapshot before = snapshot();

        RawResponse response = send(hostile);

        assertThat(response.status()).as(hostile.name()).isEqualTo(hostile.expectedStatus());
        assertThat(response.contentType()).as(hostile.name()).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(hostile.expectedStatus());
        // RFC 9457: an absent type means about:blank
        assertThat(problem.has("type") ? problem.get("type").asString() : "about:blank").isEqualTo("about:blank");
        assertThat(problem.get("title").asString()).isNotBlank();
        if (hostile.field() != null && !(pathRefusedByTomcat(hostile, problem))) {
            assertThat(namedFields(problem)).as(hostile.name() + ": " + response.body()).contains(hostile.field());
        }
        else if ("path".equals(hostile.field())) {
            // Tomcat itself refuses some request targets before the shop sees them; its answer names the URI
            assertThat(problem.get("detail").asString()).as(hostile.name()).containsIgnoringCase("URI");
        }
        assertThat(new ShopHttp(port).get("/actuator/health").status()).as("healthy after " + hostile.name()).isEqualTo(200);
        assertThat(snapshot()).as("rows after " + hostile.name()).isEqualTo(before);
    }

    private static boolean pathRefusedByTomcat(Case hostile, JsonNode problem) {
        return "path".equals(hostile.field()) && !problem.has("errors");
    }

    private static List<String> namedFields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        if (problem.has("errors")) {
            problem.get("errors").forEach(error -> fields.add(error.get("field").asString()));
        }
        return fields;
    }

    private Snapshot snapshot() {
        return new Snapshot(
                count("select count(*) from orders.customer_order"),
                count("select count(*) from orders.order_line"),
                count("select count(*) from catalog.product"),
                count("select coalesce(sum(hashtext(sku || name || coalesce(description, '') || price || currency)), 0) from catalog.product"),
                count("select count(*) from inventory.stock"),
                count("select coalesce(sum(available + reserved), 0) from inventory.stock"));
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private RawResponse send(Case hostile) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(60_000);
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes((hostile.method() + " " + hostile.path() + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nAccept: application/json, application/problem+json\r\nAuthorization: Bearer " + tokenFor(hostile)
                    + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            if (hostile.contentType() != null) {
                request.writeBytes(("Content-Type: " + hostile.contentType() + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
            byte[] body = hostile.body() == null ? new byte[0] : hostile.body();
            if (hostile.body() != null) {
                long declared = body.length + hostile.missingBytes();
                request.writeBytes(("Content-Length: " + declared + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
            // a short body keeps the connection open (the shop must give up by itself); the others close after the answer
            if (hostile.missingBytes() == 0) {
                request.writeBytes("Connection: close\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            request.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            request.writeBytes(body);
            OutputStream out = socket.getOutputStream();
            out.write(request.toByteArray());
            out.flush();
            return RawResponse.read(socket.getInputStream());
        }
        catch (IOException e) {
            throw new UncheckedIOException(hostile.name(), e);
        }
    }

    /**
     * The token the endpoint asks for (ADR 0016), so each case reaches the check it is about: orders and notifications
     * are the customer's, catalog and stock writes are staff's.
     */
    private static String tokenFor(Case hostile) {
        boolean customerData = hostile.path().startsWith("/api/orders") || hostile.path().startsWith("/api/notifications");
        return customerData ? TestTokens.customer("pat@example.com") : TestTokens.staff();
    }

    private static Case get(String path, int status, String field) {
        return new Case("GET " + path, "GET", path, null, null, 0, status, field);
    }

    private static Case json(String method, String path, String json, int status, String field) {
        return new Case(method + " " + path + " " + printable(json), method, path, "application/json",
                json.getBytes(StandardCharsets.UTF_8), 0, status, field);
    }

    private static Case raw(String name, String method, String path, String contentType, byte[] body, int status, String field) {
        return new Case(name, method, path, contentType, body, 0, status, field);
    }

    private static String printable(String text) {
        return text.length() > 90 ? text.substring(0, 90) + "…" : text;
    }

    private static byte[] hex(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** One hostile request and the answer it must get. */
    record Case(String name, String method, String path, String contentType, byte[] body, int missingBytes,
            int expectedStatus, String field) {

        @Override
        public String toString() {
            return name;
        }
    }

    private record Snapshot(long orders, long orderLines, long products, long productContent, long stockRows, long stockUnits) {
    }

    /** Status, content type and body of a raw HTTP/1.1 answer (Content-Length, chunked or read to the end). */
    private record RawResponse(int status, String contentType, String body) {

        static RawResponse read(InputStream in) throws IOException {
            String statusLine = readLine(in);
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            String contentType = "";
            long length = -1;
            boolean chunked = false;
            for (String header = readLine(in); !header.isEmpty(); header = readLine(in)) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-type:")) {
                    contentType = header.substring(13).trim();
                }
                else if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(header.substring(15).trim());
                }
                else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (chunked) {
                for (int size = Integer.parseInt(readLine(in).split(";")[0].trim(), 16); size > 0;
                        size = Integer.parseInt(readLine(in).split(";")[0].trim(), 16)) {
                    body.writeBytes(in.readNBytes(size));
                    readLine(in);
                }
            }
            else if (length >= 0) {
                body.writeBytes(in.readNBytes((int) length));
            }
            else {
                body.writeBytes(in.readAllBytes());
            }
            return new RawResponse(status, contentType, body.toString(StandardCharsets.UTF_8));
        }

        private static String readLine(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
                if (b != '\r') {
                    line.write(b);
                }
            }
            return line.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
