package io.ficus.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser for the login tests, against one of the gateway's ports: it keeps the cookies the gateway sets (dropping
 * those it clears) and follows no redirect on its own, so a test sees and follows each step of a login itself.
 */
class TestBrowser {

    private static final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    final Map<String, String> cookies = new LinkedHashMap<>();
    final String base;

    TestBrowser(String base) {
        this.base = base;
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /**
     * Opens {@code startPath}, follows the gateway to the provider (which signs in its chosen user) and answers the
     * callback URL the provider sends the browser back to, on this browser's port.
     */
    String callbackFrom(String startPath, TestLoginProvider provider) {
        HttpResponse<String> start = get(startPath);
        assertThat(start.statusCode()).as("login start: %s", start.body()).isEqualTo(302);
        String authorize = start.headers().firstValue("Location").orElseThrow();
        assertThat(authorize).startsWith(provider.issuer() + "/authorize?");
        HttpResponse<String> atIssuer = sendTo(URI.create(authorize));
        assertThat(atIssuer.statusCode()).isEqualTo(302);
        String callback = atIssuer.headers().firstValue("Location").orElseThrow();
        assertThat(callback).startsWith(base + "/_gateway/login/callback?");
        return callback;
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        return sendAsync(request).join();
    }

    CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest.Builder request) {
        if (!cookies.isEmpty()) {
            request.header("Cookie", String.join("; ", cookies.entrySet().stream()
                    .map(entry -> entry.getKey() + "=" + entry.getValue()).toList()));
        }
        return http.sendAsync(request.timeout(Duration.ofSeconds(15)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).thenApply(this::keepCookies);
    }

    /** A request elsewhere (the provider), without this browser's gateway cookies. */
    static HttpResponse<String> sendTo(URI uri) {
        return http.sendAsync(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).join();
    }

    private synchronized HttpResponse<String> keepCookies(HttpResponse<String> response) {
        for (String header : response.headers().allValues("Set-Cookie")) {
            String pair = header.split(";", 2)[0];
            String name = pair.substring(0, pair.indexOf('='));
            String value = pair.substring(pair.indexOf('=') + 1);
            if (value.isEmpty() || header.contains("Max-Age=0")) {
                cookies.remove(name);
            }
            else {
                cookies.put(name, value);
            }
        }
        return response;
    }
}
