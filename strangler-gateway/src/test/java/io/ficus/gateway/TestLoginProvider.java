package io.ficus.gateway;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ficus.platform.testing.TestIssuer;

/**
 * An OpenID Connect provider over real HTTP for the gateway's browser login tests, standing in for the shop (or
 * Keycloak) at the edge: discovery, an authorization endpoint that signs in the user the test chose (as if they had
 * typed their password), a token endpoint that checks the client secret, the redirect URI and the PKCE verifier and
 * rotates refresh tokens (a refresh token works once, as the shop's), the key set, and an end-session endpoint that
 * records the logouts it receives.
 */
final class TestLoginProvider implements AutoCloseable {

    static final String CLIENT_ID = "ficus-gateway";
    static final String CLIENT_SECRET = "test-gateway-secret";

    private record Grant(String user, String redirectUri, String challenge, String nonce) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final String issuer;
    private final RSAKey key = TestIssuer.newKey();
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();
    private final List<Map<String, String>> authorizeRequests = new CopyOnWriteArrayList<>();
    private final List<Map<String, String>> logouts = new CopyOnWriteArrayList<>();
    private final AtomicInteger refreshes = new AtomicInteger();
    private final AtomicInteger refusedRefreshes = new AtomicInteger();
    private final Map<String, List<String>> roles = new ConcurrentHashMap<>();
    private volatile String user = "ada@example.com";
    private volatile Duration accessTokenLifetime = Duration.ofMinutes(5);

    TestLoginProvider() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "test-login-provider");
            thread.setDaemon(true);
            return thread;
        });
        issuer = "http://127.0.0.1:" + server.getAddress().getPort();
        server.setExecutor(executor);
        server.createContext("/.well-known/openid-configuration", exchange -> {
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("issuer", issuer);
            metadata.put("authorization_endpoint", issuer + "/authorize");
            metadata.put("token_endpoint", issuer + "/token");
            metadata.put("jwks_uri", issuer + "/jwks");
            metadata.put("end_session_endpoint", issuer + "/logout");
            metadata.put("response_types_supported", List.of("code"));
            metadata.put("subject_types_supported", List.of("public"));
            metadata.put("id_token_signing_alg_values_supported", List.of("RS256"));
            metadata.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic"));
            metadata.put("code_challenge_methods_supported", List.of("S256"));
            json(exchange, 200, JSONObjectUtils.toJSONString(metadata));
        });
        server.createContext("/jwks", exchange -> json(exchange, 200, new JWKSet(key.toPublicJWK()).toString(true)));
        server.createContext("/authorize", this::authorize);
        server.createContext("/token", this::token);
        server.createContext("/logout", exchange -> {
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            logouts.add(query);
            redirect(exchange, query.getOrDefault("post_logout_redirect_uri", issuer));
        });
        server.start();
    }

    String issuer() {
        return issuer;
    }

    /** The user the next authorization request signs in, a customer unless given roles. */
    void signInAs(String email, String... roles) {
        this.roles.put(email, roles.length == 0 ? List.of("customer") : List.of(roles));
        this.user = email;
    }

    void accessTokenLifetime(Duration lifetime) {
        this.accessTokenLifetime = lifetime;
    }

    List<Map<String, String>> authorizeRequests() {
        return authorizeRequests;
    }

    List<Map<String, String>> logouts() {
        return logouts;
    }

    int refreshes() {
        return refreshes.get();
    }

    int refusedRefreshes() {
        return refusedRefreshes.get();
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        authorizeRequests.add(query);
        if (!CLIENT_ID.equals(query.get("client_id")) || !"code".equals(query.get("response_type"))
                || !"S256".equals(query.get("code_challenge_method")) || query.get("code_challenge") == null) {
            json(exchange, 400, "{\"error\":\"invalid_request\"}");
            return;
        }
        String code = UUID.randomUUID().toString();
        codes.put(code, new Grant(user, query.get("redirect_uri"), query.get("code_challenge"), query.get("nonce")));
        redirect(exchange, query.get("redirect_uri") + "?code=" + code + "&state="
                + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8));
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = query(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String basic = "Basic " + Base64.getEncoder().encodeToString(
                (CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        if (!basic.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            json(exchange, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        if ("authorization_code".equals(form.get("grant_type"))) {
            Grant grant = codes.remove(String.valueOf(form.get("code")));
            if (grant == null || !grant.redirectUri().equals(form.get("redirect_uri"))
                    || !grant.challenge().equals(s256(String.valueOf(form.get("code_verifier"))))) {
                json(exchange, 400, "{\"error\":\"invalid_grant\"}");
                return;
            }
            json(exchange, 200, tokens(grant.user(), grant.nonce()));
            return;
        }
        if ("refresh_token".equals(form.get("grant_type"))) {
            // rotated: the refresh token is good for one use
            String owner = refreshTokens.remove(String.valueOf(form.get("refresh_token")));
            if (owner == null) {
                refusedRefreshes.incrementAndGet();
                json(exchange, 400, "{\"error\":\"invalid_grant\"}");
                return;
            }
            refreshes.incrementAndGet();
            json(exchange, 200, tokens(owner, null));
            return;
        }
        json(exchange, 400, "{\"error\":\"unsupported_grant_type\"}");
    }

    private String tokens(String subject, String nonce) {
        Instant now = Instant.now();
        String refreshToken = UUID.randomUUID().toString();
        refreshTokens.put(refreshToken, subject);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", sign(new JWTClaimsSet.Builder().issuer(issuer).subject(subject)
                .audience(List.of(TestIssuer.AUDIENCE)).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(accessTokenLifetime))).jwtID(UUID.randomUUID().toString())
                .claim("roles", roles.getOrDefault(subject, List.of("customer"))).claim("scope", List.of("openid", "profile", "email", "orders"))
                .build()));
        answer.put("token_type", "Bearer");
        answer.put("expires_in", accessTokenLifetime.toSeconds());
        answer.put("refresh_token", refreshToken);
        answer.put("scope", "openid profile email orders");
        if (nonce != null) {
            answer.put("id_token", sign(new JWTClaimsSet.Builder().issuer(issuer).subject(subject)
                    .audience(CLIENT_ID).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(1800)))
                    .claim("nonce", nonce).claim("email", subject).build()));
        }
        return JSONObjectUtils.toJSONString(answer);
    }

    private String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        }
        catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> query(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.put(name, value);
        }
        return values;
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().set("Location", location);
            exchange.sendResponseHeaders(302, -1);
        }
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        try (exchange) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
