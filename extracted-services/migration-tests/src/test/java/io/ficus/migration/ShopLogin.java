package io.ficus.migration;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Browser-like logins at the shop's OpenID Connect provider, through its real login form with its CSRF token, each in
 * a cookie jar of its own (a separate session per instance), following every redirect by hand. No password grant, no
 * back door. Two ways in:
 * <ul>
 * <li>{@link #accessToken}: as {@code bin/ficus-token} performs it, the authorization code flow with PKCE (S256) for
 * the public client {@code ficus-cli}, then the code exchange;</li>
 * <li>{@link #gatewaySession}: as a browser at the gateway, which starts the flow at its login path, receives the code
 * at its callback and keeps the tokens itself; what the browser gets is only the gateway's session cookie.</li>
 * </ul>
 */
final class ShopLogin {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern CSRF = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*value=\"([^\"]*)\"");
    private static final String CLIENT = "ficus-cli";
    private static final String GATEWAY_SESSION = "ficus-gateway-session";
    /** The login and the authorization around it take a handful of redirects; a loop must not run forever. */
    private static final int MAX_REDIRECTS = 10;

    private final String issuer;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient browser;

    private ShopLogin(String issuer) {
        this.issuer = issuer.replaceAll("/+$", "");
        this.browser = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Logs {@code user} in, in a new session, and answers the access token the provider issued. */
    static String accessToken(String issuer, String user, String password) {
        return new ShopLogin(issuer).login(user, password);
    }

    /**
     * Logs {@code user} in at the gateway, in a new browser session: starts at the gateway's login path, follows to
     * the shop's login form (the issuer's public URL is the gateway's, so the form is reached through it), posts the
     * credentials, follows back to the gateway's callback; answers the value of the gateway's session cookie.
     */
    static String gatewaySession(String gatewayUrl, String user, String password) {
        return new ShopLogin(gatewayUrl).gatewayLogin(user, password);
    }

    private String gatewayLogin(String user, String password) {
        URI start = URI.create(issuer + "/_gateway/login?return=/");
        URI callback = logInAtTheForm(start, user, password,
                location -> location.getPath().equals("/_gateway/login/callback"));
        expect(callback.toString().startsWith(issuer + "/"), "the gateway's callback is elsewhere: " + callback, null);
        HttpResponse<String> landed = send(get(callback.toString()));
        URI home = redirectOf(landed, "the gateway's callback");
        expect(home.toString().equals(issuer + "/"), "the callback sent the browser to " + home, landed);
        // the cookie the jar would send with the next request to the gateway's root, as a browser's would
        return cookies.getCookieStore().get(home).stream()
                .filter(cookie -> cookie.getName().equals(GATEWAY_SESSION)).map(HttpCookie::getValue).findFirst()
                .orElseThrow(() -> new AssertionError("no " + GATEWAY_SESSION + " cookie after the callback; "
                        + "Set-Cookie: " + landed.headers().allValues("Set-Cookie")));
    }

    /**
     * From {@code start}, the redirects to the shop's login form, the form posted with its CSRF token, then the
     * redirects after it up to the first one {@code done} accepts, which is answered (not followed).
     */
    private URI logInAtTheForm(URI start, String user, String password, Predicate<URI> done) {
        URI loginPage = follow(start, location -> location.getPath().equals("/login"), "the way to the login form");
        expect(loginPage.toString().startsWith(issuer + "/login"), "the login form is not at the issuer: " + loginPage,
                null);
        HttpResponse<String> page = send(get(loginPage.toString()));
        expect(page.statusCode() == 200, "no login form at " + loginPage, page);
        Matcher csrf = CSRF.matcher(page.body());
        expect(csrf.find(), "the login form has no CSRF token", page);

        URI formTarget = loginPage.resolve(loginPage.getRawPath());
        HttpResponse<String> loggedIn = send(post(formTarget.toString(),
                Map.of("username", user, "password", password, "_csrf", csrf.group(1))));
        URI back = redirectOf(loggedIn, "the login of " + user);
        expect(!back.toString().contains("/login?error"), "login refused for " + user, loggedIn);
        return done.test(back) ? back : follow(back, done, "the authorization after the login of " + user);
    }

    /** Follows redirects from {@code from} (a bounded number) and answers the first target {@code done} accepts. */
    private URI follow(URI from, Predicate<URI> done, String what) {
        URI next = from;
        for (int hop = 0; hop < MAX_REDIRECTS; hop++) {
            next = redirectOf(send(get(next.toString())), what);
            if (done.test(next)) {
                return next;
            }
        }
        throw new AssertionError(what + ": still redirected after " + MAX_REDIRECTS + " hops, last to " + next);
    }

    private String login(String user, String password) {
        String verifier = random(32);
        String state = random(16);
        // RFC 8252 loopback redirect: nothing needs to listen there, the code is read from the redirect itself
        String redirect = "http://127.0.0.1:" + (49152 + RANDOM.nextInt(16383)) + "/callback";
        Map<String, String> authorize = new LinkedHashMap<>();
        authorize.put("response_type", "code");
        authorize.put("client_id", CLIENT);
        authorize.put("scope", "openid profile email orders");
        authorize.put("redirect_uri", redirect);
        authorize.put("code_challenge", challenge(verifier));
        authorize.put("code_challenge_method", "S256");
        authorize.put("state", state);

        URI authorization = URI.create(issuer + "/oauth2/authorize?" + form(authorize));
        URI callback = logInAtTheForm(authorization, user, password,
                location -> location.toString().startsWith(redirect));
        Map<String, String> answer = query(callback);
        expect(state.equals(answer.get("state")), "the state of the answer does not match the request", null);

        Map<String, String> exchange = new LinkedHashMap<>();
        exchange.put("grant_type", "authorization_code");
        exchange.put("code", answer.get("code"));
        exchange.put("redirect_uri", redirect);
        exchange.put("client_id", CLIENT);
        exchange.put("code_verifier", verifier);
        HttpResponse<String> token = send(post(issuer + "/oauth2/token", exchange));
        expect(token.statusCode() == 200, "the code exchange was refused", token);
        return Http.JSON.readTree(token.body()).path("access_token").asString();
    }

    private URI redirectOf(HttpResponse<String> response, String what) {
        String location = response.headers().firstValue("Location").orElse(null);
        // Spring Authorization Server and the shop answer 302, the gateway's own paths may answer 303
        expect((response.statusCode() == 302 || response.statusCode() == 303) && location != null,
                what + " did not redirect", response);
        return response.uri().resolve(location);
    }

    private static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).header("Accept", "text/html")
                .GET().build();
    }

    private static HttpRequest post(String url, Map<String, String> fields) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields))).build();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return browser.send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException e) {
            throw new AssertionError(request.method() + " " + request.uri() + " failed: " + e, e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static void expect(boolean condition, String what, HttpResponse<String> response) {
        if (!condition) {
            throw new AssertionError(what + (response == null ? "" : " (" + response.request().method() + " "
                    + response.uri() + " -> " + response.statusCode() + " "
                    + response.headers().firstValue("Location").orElse("") + ")"));
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int equals = pair.indexOf('=');
            values.put(decode(pair.substring(0, equals)), decode(pair.substring(equals + 1)));
        }
        return values;
    }

    private static String decode(String text) {
        return java.net.URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
