package io.ficus.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.util.JSONObjectUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Browsers log in at the gateway (authorization code + PKCE), the gateway keeps the session and relays its access
 * token to backends; API clients' own tokens pass untouched; logout ends the session here and at the issuer.
 */
class BrowserLoginTests {

    static TestLoginProvider provider;
    static WireMockServer legacy;
    static WireMockServer service;
    static GatewayInstance gateway;
    static String base;

    @BeforeAll
    static void start() throws IOException {
        provider = new TestLoginProvider();
        legacy = Backends.started("legacy");
        service = Backends.started("service");
        Map<String, Object> properties = GatewayInstance.defaults(TestDatabase.newDatabaseUrl(), legacy, service);
        properties.put("ficus.gateway.plan", "classpath:browser-login-plan.yml");
        properties.put("ficus.gateway.security.issuer-uri", provider.issuer());
        properties.put("ficus.gateway.security.login.enabled", "true");
        properties.put("ficus.gateway.security.login.client-secret", TestLoginProvider.CLIENT_SECRET);
        gateway = GatewayInstance.start(properties);
        base = "http://127.0.0.1:" + gateway.port();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        legacy.stop();
        service.stop();
        provider.close();
    }

    @BeforeEach
    void reset() {
        Backends.answerWithName(legacy, "legacy");
        Backends.answerWithName(service, "service");
        provider.signInAs("ada@example.com");
        provider.accessTokenLifetime(Duration.ofMinutes(5));
    }

    @Test
    void anAnonymousRequestGetsNoSessionAndCarriesNoToken() {
        Browser browser = new Browser();
        HttpResponse<String> answer = browser.get("/api/orders?customer=x");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(lastRequest("/api/orders").containsHeader("Authorization")).isFalse();
    }

    @Test
    void aLoggedInBrowsersRequestsCarryItsAccessTokenButNotTheGatewaysCookies() {
        Browser browser = new Browser();
        HttpResponse<String> loggedIn = browser.logIn("/shop/");
        assertThat(loggedIn.headers().firstValue("Location")).hasValue("/shop/");

        Map<String, String> asked = provider.authorizeRequests().get(provider.authorizeRequests().size() - 1);
        assertThat(asked).containsEntry("code_challenge_method", "S256").containsKeys("code_challenge", "state", "nonce")
                .containsEntry("redirect_uri", base + "/_gateway/login/callback")
                .containsEntry("scope", "openid profile email orders");
        String cookie = loggedIn.headers().allValues("Set-Cookie").stream()
                .filter(value -> value.startsWith("ficus-gateway-session=")).findFirst().orElseThrow();
        assertThat(cookie).containsIgnoringCase("HttpOnly").contains("SameSite=Lax").contains("Path=/").doesNotContain("Secure").doesNotContain("Max-Age");

        browser.cookies.put("theme", "dark");
        assertThat(browser.get("/api/orders?customer=ada@example.com").statusCode()).isEqualTo(200);
        LoggedRequest proxied = lastRequest("/api/orders");
        assertThat(claims(bearer(proxied))).containsEntry("sub", "ada@example.com");
        assertThat(proxied.getHeader("Cookie")).isEqualTo("theme=dark");
    }

    @Test
    void anApiClientsOwnBearerTokenPassesUntouchedEvenWithASessionCookie() {
        Browser browser = new Browser();
        browser.logIn("/");
        HttpResponse<String> answer = browser.send(HttpRequest.newBuilder(URI.create(base + "/api/orders"))
                .header("Authorization", "Bearer the-clients-own-token").GET());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(lastRequest("/api/orders").getHeader("Authorization")).isEqualTo("Bearer the-clients-own-token");
    }

    @Test
    void theIssuersAnswerIsTakenOnlyInTheBrowserThatStartedTheLogin() {
        Browser victim = new Browser();
        String callback = victim.startLoginAtIssuer("/");
        Browser attacker = new Browser();
        HttpResponse<String> answer = attacker.get(callback.substring(base.length()));
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(attacker.cookies).doesNotContainKey("ficus-gateway-session");
    }

    @Test
    void aReturnPathOnAnotherSiteIsIgnored() {
        HttpResponse<String> loggedIn = new Browser().logIn("//evil.example/phish");
        assertThat(loggedIn.headers().firstValue("Location")).hasValue("/");
    }

    @Test
    void aCrossSiteUnsafeRequestWithTheSessionIsRefused() {
        Browser browser = new Browser();
        browser.logIn("/");
        int before = legacy.findAll(anyRequestedFor(urlPathEqualTo("/api/orders"))).size();
        HttpResponse<String> forged = browser.send(post("/api/orders").header("Origin", "http://evil.example"));
        HttpResponse<String> fetchMetadata = browser.send(post("/api/orders").header("Sec-Fetch-Site", "cross-site"));
        HttpResponse<String> noOrigin = browser.send(post("/api/orders"));
        assertThat(List.of(forged.statusCode(), fetchMetadata.statusCode(), noOrigin.statusCode()))
                .containsOnly(403);
        assertThat(legacy.findAll(anyRequestedFor(urlPathEqualTo("/api/orders")))).hasSize(before);

        HttpResponse<String> sameOrigin = browser.send(post("/api/orders").header("Origin", base));
        assertThat(sameOrigin.statusCode()).isEqualTo(200);
        assertThat(claims(bearer(lastRequest("/api/orders")))).containsEntry("sub", "ada@example.com");
    }

    @Test
    void anExpiringAccessTokenIsRefreshedOnceEvenByConcurrentRequests() {
        // shorter than the gateway's refresh-ahead (60 s): every use of a token finds it about to expire
        provider.accessTokenLifetime(Duration.ofSeconds(30));
        Browser browser = new Browser();
        browser.logIn("/");
        int refreshesBefore = provider.refreshes();
        List<CompletableFuture<HttpResponse<String>>> parallel = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            parallel.add(browser.sendAsync(HttpRequest.newBuilder(URI.create(base + "/api/orders?n=" + i)).GET()));
        }
        parallel.forEach(answer -> assertThat(answer.join().statusCode()).isEqualTo(200));
        for (int i = 0; i < 8; i++) {
            LoggedRequest proxied = lastRequest("/api/orders", "n", Integer.toString(i));
            assertThat(claims(bearer(proxied))).containsEntry("sub", "ada@example.com");
        }
        // the rotated refresh token is used once: a second use would have been refused and ended the session
        assertThat(provider.refusedRefreshes()).isZero();
        assertThat(provider.refreshes()).isGreaterThan(refreshesBefore);
        // and the session goes on with the rotated one
        browser.get("/api/orders?n=after");
        assertThat(claims(bearer(lastRequest("/api/orders", "n", "after")))).containsEntry("sub", "ada@example.com");
        assertThat(provider.refusedRefreshes()).isZero();
    }

    @Test
    void logoutEndsTheSessionAndLogsOutAtTheIssuer() {
        Browser browser = new Browser();
        browser.logIn("/");
        String sessionId = browser.cookies.get("ficus-gateway-session");
        assertThat(browser.send(HttpRequest.newBuilder(URI.create(base + "/_gateway/logout")).GET()).statusCode())
                .isEqualTo(405);
        HttpResponse<String> crossSite = browser.send(post("/_gateway/logout").header("Origin", "http://evil.example"));
        assertThat(crossSite.statusCode()).isEqualTo(403);

        HttpResponse<String> loggedOut = browser.send(post("/_gateway/logout").header("Origin", base));
        assertThat(loggedOut.statusCode()).isEqualTo(303);
        URI target = URI.create(loggedOut.headers().firstValue("Location").orElseThrow());
        assertThat(target.toString()).startsWith(provider.issuer() + "/logout?");
        Map<String, String> query = TestLoginProvider.query(target.getRawQuery());
        assertThat(query).containsEntry("post_logout_redirect_uri", base + "/")
                .containsEntry("client_id", TestLoginProvider.CLIENT_ID);
        assertThat(claims(query.get("id_token_hint"))).containsEntry("sub", "ada@example.com");
        assertThat(browser.cookies).doesNotContainKey("ficus-gateway-session");

        // the old cookie, sent again, is worth nothing
        browser.cookies.put("ficus-gateway-session", sessionId);
        browser.get("/api/orders?after=logout");
        assertThat(lastRequest("/api/orders", "after", "logout").containsHeader("Authorization")).isFalse();
        assertThat(browser.cookies).doesNotContainKey("ficus-gateway-session");
    }

    @Test
    void aBrowserSessionKeysTheCanaryByItsUser() {
        gateway.move("catalog-reads", "canary", 50);
        try {
            Set<String> sides = new HashSet<>();
            for (int user = 0; user < 16; user++) {
                String email = "user" + user + "@example.com";
                provider.signInAs(email);
                Browser first = new Browser();
                first.logIn("/");
                Browser second = new Browser();
                second.logIn("/");
                String side = first.get("/api/catalog/items").body();
                assertThat(second.get("/api/catalog/items").body()).as("side of %s in a second browser", email)
                        .isEqualTo(side);
                sides.add(side);
            }
            assertThat(sides).containsExactlyInAnyOrder("legacy", "service");
        }
        finally {
            gateway.move("catalog-reads", "legacy", null);
        }
    }

    private static HttpRequest.Builder post(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json");
    }

    private static LoggedRequest lastRequest(String path) {
        List<LoggedRequest> requests = legacy.findAll(anyRequestedFor(urlPathEqualTo(path)));
        assertThat(requests).as("requests for %s at legacy", path).isNotEmpty();
        return requests.get(requests.size() - 1);
    }

    private static LoggedRequest lastRequest(String path, String parameter, String value) {
        List<LoggedRequest> requests = legacy.findAll(anyRequestedFor(urlPathEqualTo(path))).stream()
                .filter(request -> value.equals(request.queryParameter(parameter).firstValue())).toList();
        assertThat(requests).as("requests for %s?%s=%s at legacy", path, parameter, value).isNotEmpty();
        return requests.get(requests.size() - 1);
    }

    private static String bearer(LoggedRequest request) {
        String authorization = request.getHeader("Authorization");
        assertThat(authorization).as("Authorization relayed to the backend").startsWith("Bearer ");
        return authorization.substring(7);
    }

    private static Map<String, Object> claims(String jwt) {
        try {
            return JSONObjectUtils.parse(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]),
                    StandardCharsets.UTF_8));
        }
        catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
    }

    /** A browser at the public port, logging in through the gateway's browser login. */
    static final class Browser extends TestBrowser {

        Browser() {
            super(BrowserLoginTests.base);
        }

        /** Logs in through the gateway and the provider; answers the callback's response. */
        HttpResponse<String> logIn(String returnTo) {
            String callback = startLoginAtIssuer(returnTo);
            HttpResponse<String> answer = get(callback.substring(base.length()));
            assertThat(answer.statusCode()).as("callback answer: %s (asked: %s)", answer.body(),
                    provider.authorizeRequests()).isEqualTo(302);
            assertThat(cookies).containsKey("ficus-gateway-session");
            return answer;
        }

        /** Starts a login and lets the provider sign in; answers the callback URL the provider sends back. */
        String startLoginAtIssuer(String returnTo) {
            return callbackFrom("/_gateway/login?return=" + java.net.URLEncoder.encode(returnTo, StandardCharsets.UTF_8),
                    provider);
        }
    }
}
