package io.ficus.gateway.conformance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import io.ficus.gateway.GatewayInstance;
import io.ficus.gateway.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A foreign server-rendered web app answers the same through the gateway as directly, at legacy, canary and
 * live: same status, Location, Set-Cookie, Content-Type and caching headers (after the documented rewrites:
 * the public origin in absolute URLs, the gateway's own caller cookie) and the same bytes.
 */
class ForeignAppConformanceTests {

    /** Headers compared; Date and Server-side timing headers are not. */
    private static final List<String> COMPARED = List.of("location", "set-cookie", "content-type", "content-length",
            "transfer-encoding", "cache-control", "etag", "last-modified", "expires", "allow", "content-language",
            "vary");

    static ForeignWebApp app;
    static GatewayInstance gateway;
    static HttpClient http;

    @BeforeAll
    static void start() {
        app = ForeignWebApp.start();
        Map<String, Object> properties = GatewayInstance.defaults(TestDatabase.newDatabaseUrl(), app.baseUrl(),
                app.baseUrl());
        properties.put("ficus.gateway.plan", "classpath:conformance-plan.yml");
        // the suite asks for error pages on purpose; they must not open the breaker mid-run
        properties.put("ficus.gateway.circuit-breaker.minimum-number-of-calls", "1000");
        properties.put("ficus.gateway.circuit-breaker.sliding-window-size", "1000");
        gateway = GatewayInstance.start(properties);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        app.close();
    }

    @ParameterizedTest(name = "at {0}")
    @ValueSource(strings = {"legacy", "canary", "live"})
    void answersEveryCaseLikeTheAppItself(String stage) throws Exception {
        stage(stage);
        Map<String, Scenario> cases = cases();
        List<String> differences = new ArrayList<>();
        for (Map.Entry<String, Scenario> each : cases.entrySet()) {
            List<Answer> direct = each.getValue().run(new Client(app.baseUrl()));
            List<Answer> through = each.getValue().run(new Client("http://127.0.0.1:" + gateway.port()));
            for (int step = 0; step < direct.size(); step++) {
                String difference = direct.get(step).differenceTo(through.get(step));
                if (difference != null) {
                    differences.add(each.getKey() + " step " + (step + 1) + ": " + difference);
                }
            }
        }
        assertThat(differences).as("cases that differ through the gateway at %s", stage).isEmpty();
    }

    private static Map<String, Scenario> cases() {
        Map<String, Scenario> cases = new LinkedHashMap<>();
        cases.put("page with query", client -> List.of(client.get("/pages/hello?x=1&y=caf%C3%A9")));
        cases.put("form POST of a new session, redirect carrying ;jsessionid, then the item", client -> {
            Answer posted = client.postForm("/items", "name=fig+tart", false);
            return List.of(posted, client.get(posted.location(), false));
        });
        cases.put("form POST redirected to an absolute URL built from the request", client -> {
            Answer posted = client.postForm("/items?redirect=absolute", "name=espresso", false);
            return List.of(posted, client.get(posted.location(), false));
        });
        cases.put("session cookie, then form POST and redirect within the session", client -> {
            Answer list = client.get("/items");
            Answer posted = client.postForm("/items", "name=olive", true);
            return List.of(list, posted, client.get(posted.location(), true), client.get("/items"));
        });
        cases.put("cookies, one with the host as Domain", client -> List.of(client.get("/pages/prefs")));
        cases.put("static file, then conditional GETs answered 304", client -> {
            Answer file = client.get("/static/site.css");
            return List.of(file, client.get("/static/site.css", "If-None-Match", file.header("etag")),
                    client.get("/static/site.css", "If-Modified-Since", file.header("last-modified")));
        });
        cases.put("app's own caching headers and 304", client -> List.of(client.get("/pages/cached"),
                client.get("/pages/cached", "If-None-Match", "\"v1\"")));
        cases.put("HEAD keeps the headers of GET", client -> List.of(client.send("HEAD", "/static/site.css"),
                client.send("HEAD", "/pages/hello")));
        cases.put("OPTIONS", client -> List.of(client.send("OPTIONS", "/pages/hello")));
        cases.put("encoded paths", client -> List.of(client.get("/static/caf%C3%A9%20menu.txt"),
                client.get("/pages/a%20b/c%3Bd?q=%C3%A9")));
        cases.put("error pages", client -> List.of(client.get("/items/99"), client.get("/pages/broken"),
                client.get("/no-such-file.txt")));
        cases.put("paths and methods only the backend may judge", client -> List.of(client.get("//pages/x"),
                client.get("/./pages/x"), client.get("/pages/a%2Fb"), client.get("/pages/x;v=1"),
                client.send("PROPFIND", "/pages/x")));
        return cases;
    }

    private static void stage(String stage) {
        switch (stage) {
            case "legacy" -> {
                moveIfNeeded("app-reads", "legacy", null);
                moveIfNeeded("app-writes", "legacy", null);
            }
            case "canary" -> {
                // a write route never stands at canary (docs/adr/0005-write-routes-move-in-one-step.md)
                moveIfNeeded("app-reads", "canary", 50);
                moveIfNeeded("app-writes", "legacy", null);
            }
            default -> {
                moveIfNeeded("app-reads", "live", null);
                moveIfNeeded("app-writes", "live", null);
            }
        }
    }

    private static void moveIfNeeded(String route, String stage, Integer percent) {
        Map<?, ?> current = gateway.admin().get().uri("/admin/routes/{id}", route).exchange()
                .expectBody(Map.class).returnResult().getResponseBody();
        if (!stage.equals(current.get("stage")) || percent != null && !percent.equals(current.get("percent"))) {
            gateway.move(route, stage, percent);
        }
    }

    /** A sequence of requests of one visitor. */
    private interface Scenario {
        List<Answer> run(Client client) throws Exception;
    }

    /** A visitor: one origin, its own cookie jar, never following redirects. */
    private static final class Client {

        private final String origin;
        private final Map<String, String> cookies = new LinkedHashMap<>();

        Client(String origin) {
            this.origin = origin;
        }

        Answer get(String path) throws IOException, InterruptedException {
            return get(path, true);
        }

        Answer get(String path, boolean withCookies) throws IOException, InterruptedException {
            return exchange(request(path, withCookies).GET());
        }

        Answer get(String path, String header, String value) throws IOException, InterruptedException {
            return exchange(request(path, true).header(header, Objects.requireNonNull(value, header)).GET());
        }

        Answer send(String method, String path) throws IOException, InterruptedException {
            return exchange(request(path, true).method(method, HttpRequest.BodyPublishers.noBody()));
        }

        Answer postForm(String path, String form, boolean withCookies) throws IOException, InterruptedException {
            return exchange(request(path, withCookies).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)));
        }

        private HttpRequest.Builder request(String pathOrUrl, boolean withCookies) {
            String target = pathOrUrl.startsWith("http") ? pathOrUrl : origin + pathOrUrl;
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(target)).timeout(Duration.ofSeconds(15));
            if (withCookies && !cookies.isEmpty()) {
                builder.header("Cookie", String.join("; ", cookies.entrySet().stream()
                        .map(cookie -> cookie.getKey() + "=" + cookie.getValue()).toList()));
            }
            return builder;
        }

        private Answer exchange(HttpRequest.Builder request) throws IOException, InterruptedException {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            for (String cookie : response.headers().allValues("set-cookie")) {
                String pair = cookie.split(";", 2)[0];
                int equals = pair.indexOf('=');
                cookies.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
            }
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (String name : COMPARED) {
                List<String> values = response.headers().allValues(name).stream()
                        .filter(value -> !value.startsWith("ficus-caller="))
                        .map(normalizer(origin))
                        .toList();
                if (!values.isEmpty()) {
                    headers.put(name, values);
                }
            }
            String location = response.headers().firstValue("location").orElse(null);
            return new Answer(response.statusCode(), headers,
                    normalizer(origin).apply(new String(response.body(), StandardCharsets.ISO_8859_1)), location);
        }
    }

    /**
     * Makes the answers of two origins comparable: the origin the client called (only that one: a Location
     * pointing past the gateway must show), random session ids, and a cookie's Expires date, which the app derives
     * from the clock second it answers in (its Max-Age, the app's actual choice, is still compared).
     */
    private static Function<String, String> normalizer(String origin) {
        return text -> text.replace(origin, "{origin}")
                .replaceAll("(?i)(jsessionid=)[0-9A-F]+", "$1{session}")
                .replaceAll("(?i)(; Expires=)[^;]+", "$1{date}");
    }

    /** What one request got, normalized; {@code location} is kept raw to follow it. */
    private record Answer(int status, Map<String, List<String>> headers, String body, String location) {

        String header(String name) {
            List<String> values = headers.get(name);
            return values == null ? null : values.get(0);
        }

        String differenceTo(Answer through) {
            if (status != through.status) {
                return "status " + status + " direct, " + through.status + " through the gateway (body: "
                        + abbreviate(through.body) + ")";
            }
            if (!headers.equals(through.headers)) {
                return "headers " + headers + " direct, " + through.headers + " through the gateway";
            }
            if (!body.equals(through.body)) {
                return "body differs: direct [" + abbreviate(body) + "] through the gateway [" + abbreviate(through.body) + "]";
            }
            return null;
        }

        private static String abbreviate(String text) {
            return text.length() > 300 ? text.substring(0, 300) + "…" : text;
        }
    }
}
