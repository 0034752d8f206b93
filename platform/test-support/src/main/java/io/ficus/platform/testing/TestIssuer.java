package io.ficus.platform.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An OpenID Connect issuer for tests, in the test's own JVM on a random 127.0.0.1 port: it serves
 * {@code /.well-known/openid-configuration} and its key set ({@code /jwks}) over real HTTP, so an app under test
 * fetches and checks keys exactly as it would from the shop or Keycloak, and it mints RS256 access tokens of the
 * estate's contract ({@code iss}, {@code sub}, {@code aud} with {@code ficus}, {@code roles}, {@code email},
 * {@code scope}): for a customer, for staff, for a machine client, and the hostile ones (expired, signed by a foreign
 * key, for another audience, from another issuer). {@link #rotateKey()} starts signing with a new key, published
 * beside the old one as real issuers do, to prove the app picks it up without a restart.
 */
public final class TestIssuer implements AutoCloseable {

    /** The audience every backend of the estate expects. */
    public static final String AUDIENCE = "ficus";

    private static final Duration LIFETIME = Duration.ofMinutes(5);

    private final HttpServer server;
    private final ExecutorService executor;
    private final String issuer;
    private final String rolesClaim;
    private final List<RSAKey> published = new CopyOnWriteArrayList<>();
    private final RSAKey foreignKey;
    private final AtomicInteger keySetRequests = new AtomicInteger();
    private final AtomicInteger metadataRequests = new AtomicInteger();
    private volatile RSAKey signingKey;
    private volatile boolean available = true;

    private TestIssuer(String rolesClaim) throws IOException {
        this.rolesClaim = rolesClaim;
        this.signingKey = newKey();
        this.published.add(signingKey);
        this.foreignKey = newKey();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.executor = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "test-issuer");
            thread.setDaemon(true);
            return thread;
        });
        this.issuer = "http://127.0.0.1:" + server.getAddress().getPort();
        server.setExecutor(executor);
        server.createContext("/.well-known/openid-configuration", exchange -> {
            metadataRequests.incrementAndGet();
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("issuer", issuer);
            metadata.put("jwks_uri", issuer + "/jwks");
            metadata.put("authorization_endpoint", issuer + "/authorize");
            metadata.put("token_endpoint", issuer + "/token");
            metadata.put("response_types_supported", List.of("code"));
            metadata.put("subject_types_supported", List.of("public"));
            metadata.put("id_token_signing_alg_values_supported", List.of("RS256"));
            answer(exchange, JSONObjectUtils.toJSONString(metadata));
        });
        server.createContext("/token", this::clientCredentials);
        server.createContext("/jwks", exchange -> {
            keySetRequests.incrementAndGet();
            answer(exchange, new JWKSet(new ArrayList<>(published)).toString(true));
        });
        server.start();
    }

    /** An issuer putting roles in a {@code roles} claim, as the shop does. */
    public static TestIssuer start() {
        return start("roles");
    }

    /** An issuer putting roles at another claim path, e.g. {@code realm_access.roles} as Keycloak does. */
    public static TestIssuer start(String rolesClaim) {
        try {
            return new TestIssuer(rolesClaim);
        }
        catch (IOException e) {
            throw new IllegalStateException("cannot start the test issuer", e);
        }
    }

    /** The issuer URL ({@code iss}), also what {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} is. */
    public String issuer() {
        return issuer;
    }

    /** The property pointing a Spring resource server at this issuer. */
    public Map<String, String> springProperties() {
        return Map.of("spring.security.oauth2.resourceserver.jwt.issuer-uri", issuer);
    }

    /** A customer's token: subject and e-mail the login, role {@code customer}. */
    public String customer(String email) {
        return sign(signingKey, userClaims(email, "customer", issuer, AUDIENCE, Instant.now()));
    }

    /** A staff member's token: role {@code staff}. */
    public String staff(String email) {
        return sign(signingKey, userClaims(email, "staff", issuer, AUDIENCE, Instant.now()));
    }

    /** A machine client's token (client credentials): subject the client id, the scopes, no roles, no e-mail. */
    public String machine(String clientId, String... scopes) {
        Instant now = Instant.now();
        JWTClaimsSet claims = base(clientId, issuer, AUDIENCE, now).claim("scope", String.join(" ", scopes))
                .claim("client_id", clientId).build();
        return sign(signingKey, claims);
    }

    /** A customer's token that expired ten minutes ago: far beyond any clock skew. */
    public String expired(String email) {
        return sign(signingKey, userClaims(email, "customer", issuer, AUDIENCE, Instant.now().minus(
                LIFETIME.plusMinutes(10))));
    }

    /** A staff token signed by a key the issuer never published (under the issuer's own key id). */
    public String foreignKey(String email) {
        // under the current key's id: a forged token cannot even make the app look for another key
        RSAKey forged = new RSAKey.Builder(foreignKey).keyID(signingKey.getKeyID()).build();
        return sign(forged, userClaims(email, "staff", issuer, AUDIENCE, Instant.now()));
    }

    /** A staff token of this issuer for another audience. */
    public String otherAudience(String email) {
        return sign(signingKey, userClaims(email, "staff", issuer, "another-estate", Instant.now()));
    }

    /** A staff token signed by this issuer's key but naming another issuer. */
    public String otherIssuer(String email) {
        return sign(signingKey, userClaims(email, "staff", "https://issuer.example.org", AUDIENCE, Instant.now()));
    }

    /** A token with a key id the issuer has not published yet (the test decides what to do with it). */
    public String signedWith(RSAKey key, JWTClaimsSet claims) {
        return sign(key, claims);
    }

    /** Standard claims of a user token of this issuer, for tests that need one more claim or one less. */
    public JWTClaimsSet.Builder userClaimsBuilder(String email, String role) {
        return userClaimsBuilder(email, role, issuer, AUDIENCE, Instant.now());
    }

    /** Signs any claims with the current key. */
    public String sign(JWTClaimsSet claims) {
        return sign(signingKey, claims);
    }

    /**
     * Signs with a new key from now on; the key set publishes it beside the previous ones (an issuer keeps the old
     * key published until the tokens it signed have expired).
     */
    public void rotateKey() {
        RSAKey next = newKey();
        published.add(0, next);
        signingKey = next;
    }

    /** Removes every key but the current one from the key set. */
    public void retirePreviousKeys() {
        published.removeIf(key -> !key.getKeyID().equals(signingKey.getKeyID()));
    }

    /** While false, every request to the issuer answers 503, as an issuer that is down or restarting. */
    public void available(boolean available) {
        this.available = available;
    }

    /** How often the key set was fetched. */
    public int keySetRequests() {
        return keySetRequests.get();
    }

    /** How often the metadata was fetched. */
    public int metadataRequests() {
        return metadataRequests.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private JWTClaimsSet userClaims(String email, String role, String iss, String audience, Instant issuedAt) {
        return userClaimsBuilder(email, role, iss, audience, issuedAt).build();
    }

    private JWTClaimsSet.Builder userClaimsBuilder(String email, String role, String iss, String audience,
            Instant issuedAt) {
        JWTClaimsSet.Builder claims = base(email, iss, audience, issuedAt).claim("email", email)
                .claim("scope", "openid profile");
        String[] path = rolesClaim.split("\\.");
        Object roles = List.of(role);
        for (int i = path.length - 1; i > 0; i--) {
            roles = Map.of(path[i], roles);
        }
        return claims.claim(path[0], roles);
    }

    private static JWTClaimsSet.Builder base(String subject, String iss, String audience, Instant issuedAt) {
        return new JWTClaimsSet.Builder().issuer(iss).subject(subject).audience(List.of(audience))
                .issueTime(Date.from(issuedAt)).notBeforeTime(Date.from(issuedAt))
                .expirationTime(Date.from(issuedAt.plus(LIFETIME))).jwtID(UUID.randomUUID().toString());
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        }
        catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a test token", e);
        }
    }

    /** A fresh 2048-bit RSA key with a random key id. */
    public static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        }
        catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }

    /**
     * The token endpoint its metadata names, for a backend that fetches its own client-credentials token (the shop's
     * remote catalog client): any client given by HTTP basic gets a {@link #machine} token with the scopes it asks
     * for. The secret is not checked: this issuer is for tests. Anything else is the protocol's 400.
     */
    private void clientCredentials(HttpExchange exchange) throws IOException {
        String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : form.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                fields.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (!"POST".equals(exchange.getRequestMethod()) || !"client_credentials".equals(fields.get("grant_type"))
                || authorization == null || !authorization.startsWith("Basic ")) {
            try (exchange) {
                byte[] body = "{\"error\":\"invalid_request\"}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(400, body.length);
                exchange.getResponseBody().write(body);
            }
            return;
        }
        String credentials = new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8);
        String clientId = URLDecoder.decode(credentials.substring(0, Math.max(0, credentials.indexOf(':'))),
                StandardCharsets.UTF_8);
        String scope = fields.getOrDefault("scope", "");
        Map<String, Object> token = new LinkedHashMap<>();
        token.put("access_token", machine(clientId, scope.isBlank() ? new String[0] : scope.split(" ")));
        token.put("token_type", "Bearer");
        token.put("expires_in", LIFETIME.toSeconds());
        token.put("scope", scope);
        answer(exchange, JSONObjectUtils.toJSONString(token));
    }

    private void answer(HttpExchange exchange, String json) throws IOException {
        try (exchange) {
            if (!available) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
