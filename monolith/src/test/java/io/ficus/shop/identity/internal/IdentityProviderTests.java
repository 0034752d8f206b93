package io.ficus.shop.identity.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ficus.shop.PaymentProviderStubInitializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The shop as OpenID Connect provider, over real HTTP against the whole application: discovery, JWKS, the
 * authorization code flow with PKCE as {@code bin/ficus-token} performs it (run as a process), client credentials,
 * the token contract of docs/identity.md, key rotation, hashed passwords, and hostile input on its endpoints.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ficus.shop.demo-data=true",
        "ficus.identity.issuer=" + IdentityProviderTests.ISSUER,
        "ficus.identity.demo.password=" + IdentityProviderTests.DEMO_PASSWORD,
        "ficus.identity.clients.automation-secret=" + IdentityProviderTests.AUTOMATION_SECRET,
        "ficus.identity.clients.shop-secret=" + IdentityProviderTests.SHOP_SECRET })
@ContextConfiguration(initializers = PaymentProviderStubInitializer.class)
// Closed after the class: no other class shares this configuration, and a cached context would go on warming up
// the keys of an issuer that never answers, warning in the middle of whichever class runs next.
@DirtiesContext
class IdentityProviderTests {

    /** A public URL unlike the one the tests reach the shop on: tokens carry the configured issuer, not the host. */
    static final String ISSUER = "http://shop-issuer.test:8080";
    static final String DEMO_PASSWORD = "Demo-Passw0rd-for-tests";
    static final String AUTOMATION_SECRET = "automation-secret-for-tests";
    static final String SHOP_SECRET = "shop-secret-for-tests";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path SCRIPT = Path.of("..", "bin", "ficus-token").toAbsolutePath().normalize();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SigningKeys signingKeys;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void publishesTheDiscoveryDocumentOfTheConfiguredIssuer() {
        Answer discovery = get("/.well-known/openid-configuration");

        assertThat(discovery.status()).isEqualTo(200);
        JsonNode document = JSON.readTree(discovery.body());
        assertThat(document.get("issuer").asString()).isEqualTo(ISSUER);
        assertThat(document.get("jwks_uri").asString()).isEqualTo(ISSUER + "/oauth2/jwks");
        assertThat(document.get("authorization_endpoint").asString()).isEqualTo(ISSUER + "/oauth2/authorize");
        assertThat(document.get("token_endpoint").asString()).isEqualTo(ISSUER + "/oauth2/token");
        assertThat(texts(document.get("code_challenge_methods_supported"))).containsExactly("S256");
        assertThat(texts(document.get("id_token_signing_alg_values_supported"))).contains("RS256");
    }

    @Test
    void publishesTheCurrentSigningKeyAsRsaPublicKeyOnly() {
        JsonNode keys = JSON.readTree(get("/oauth2/jwks").body()).get("keys");

        assertThat(keys.size()).isBetween(1, 2);
        JsonNode current = keys.get(0);
        assertThat(current.get("kty").asString()).isEqualTo("RSA");
        assertThat(current.get("alg").asString()).isEqualTo("RS256");
        assertThat(current.get("kid").asString()).isEqualTo(signingKeys.current().getKeyID());
        assertThat(current.has("d")).as("no private part").isFalse();
        assertThat(current.has("p")).as("no private part").isFalse();
    }

    @Test
    void scriptLogsInACustomerWithTheAuthorizationCodeFlowAndPkce() {
        Script run = script(Map.of("FICUS_PASSWORD", DEMO_PASSWORD), "--issuer", baseUrl(), "--claims", "ada@example.com");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        String token = run.stdout().lines().findFirst().orElseThrow();
        Jwt jwt = decoder().decode(token);
        assertThat(jwt.getHeaders()).containsEntry("alg", "RS256");
        assertThat(jwt.getClaimAsString("iss")).isEqualTo(ISSUER);
        assertThat(jwt.getSubject()).isEqualTo("ada@example.com");
        assertThat(jwt.getAudience()).containsExactly("ficus");
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("customer");
        assertThat(jwt.getClaimAsString("email")).isEqualTo("ada@example.com");
        assertThat(jwt.getClaimAsStringList("scope")).containsExactlyInAnyOrder("openid", "profile", "email", "orders");
        assertThat(Duration.between(jwt.getIssuedAt(), jwt.getExpiresAt())).isEqualTo(Duration.ofMinutes(5));
        // --claims prints the decoded header and claims after the token
        JsonNode printed = JSON.readTree(run.stdout().substring(run.stdout().indexOf('\n') + 1));
        assertThat(printed.get("claims").get("sub").asString()).isEqualTo("ada@example.com");
        assertThat(printed.get("header").get("kid").asString()).isEqualTo(jwt.getHeaders().get("kid"));
    }

    @Test
    void givesStaffTheStaffRoleAndEachCustomerTheirOwnSubject() {
        Jwt staff = decoder().decode(tokenOf("staff@example.com"));
        Jwt grace = decoder().decode(tokenOf("grace@example.com"));

        assertThat(staff.getSubject()).isEqualTo("staff@example.com");
        assertThat(staff.getClaimAsStringList("roles")).containsExactly("staff");
        assertThat(grace.getSubject()).isEqualTo("grace@example.com");
        assertThat(grace.getClaimAsStringList("roles")).containsExactly("customer");
    }

    @Test
    void scriptFailsClearlyOnAWrongPassword() {
        Script run = script(Map.of("FICUS_PASSWORD", "not-" + DEMO_PASSWORD), "--issuer", baseUrl(), "ada@example.com");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).contains("login refused for ada@example.com: wrong user or password");
    }

    @Test
    void scriptFailsClearlyForAnUnknownUser() {
        Script run = script(Map.of("FICUS_PASSWORD", DEMO_PASSWORD), "--issuer", baseUrl(), "mallory@example.com");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("login refused for mallory@example.com");
    }

    @Test
    void issuesClientCredentialsTokensWithTheClientAsSubjectAndNoUserClaims() {
        Script automation = script(Map.of(), "--issuer", baseUrl(), "--client-credentials", "ficus-automation", AUTOMATION_SECRET);
        Script shop = script(Map.of("FICUS_CLIENT_SECRET", SHOP_SECRET), "--issuer", baseUrl(), "--client-credentials", "ficus-shop");

        assertThat(automation.exitCode()).as(automation.stderr()).isZero();
        Jwt admin = decoder().decode(automation.stdout().strip());
        assertThat(admin.getSubject()).isEqualTo("ficus-automation");
        assertThat(admin.getClaimAsString("iss")).isEqualTo(ISSUER);
        assertThat(admin.getAudience()).containsExactly("ficus");
        assertThat(admin.getClaimAsStringList("scope")).containsExactly("gateway.admin");
        assertThat(admin.hasClaim("roles")).isFalse();
        assertThat(admin.hasClaim("email")).isFalse();

        assertThat(shop.exitCode()).as(shop.stderr()).isZero();
        Jwt service = decoder().decode(shop.stdout().strip());
        assertThat(service.getSubject()).isEqualTo("ficus-shop");
        assertThat(service.getClaimAsStringList("scope")).containsExactly("catalog.read");
    }

    @Test
    void refusesAWrongClientSecretAndAScopeTheClientDoesNotHave() {
        Script wrongSecret = script(Map.of(), "--issuer", baseUrl(), "--client-credentials", "ficus-automation", "wrong");
        Script wrongScope = script(Map.of(), "--issuer", baseUrl(), "--scope", "gateway.admin", "--client-credentials",
                "ficus-shop", SHOP_SECRET);

        assertThat(wrongSecret.exitCode()).isEqualTo(1);
        assertThat(wrongSecret.stderr()).contains("client credentials refused for ficus-automation (HTTP 401): invalid_client");
        assertThat(wrongScope.exitCode()).isEqualTo(1);
        assertThat(wrongScope.stderr()).contains("invalid_scope");
    }

    @Test
    void aTokenSignedBeforeARotationStillValidatesAgainstTheJwksAfterIt() {
        String before = clientCredentialsToken();
        String oldKid = kidOf(before);

        signingKeys.rotate();

        String after = clientCredentialsToken();
        assertThat(kidOf(after)).isNotEqualTo(oldKid).isEqualTo(signingKeys.current().getKeyID());
        assertThat(publishedKids()).containsExactly(kidOf(after), oldKid);
        assertThat(decoder().decode(before).getSubject()).isEqualTo("ficus-automation");
        assertThat(decoder().decode(after).getSubject()).isEqualTo("ficus-automation");

        // one rotation later the first key has left the JWKS: only the current and the previous are published
        signingKeys.rotate();
        assertThat(publishedKids()).hasSize(2).doesNotContain(oldKid).contains(kidOf(after));
        assertThatThrownBy(() -> decoder().decode(before)).isInstanceOf(JwtException.class);
        assertThat(decoder().decode(after).getSubject()).isEqualTo("ficus-automation");
    }

    @Test
    void keepsOnlyPasswordHashes() {
        List<String> hashes = jdbc.sql("select password_hash from identity.user_account order by username")
                .query(String.class).list();

        assertThat(hashes).hasSize(3).allSatisfy(hash -> {
            assertThat(hash).startsWith("{bcrypt}$2");
            assertThat(hash).doesNotContain(DEMO_PASSWORD);
        });
        assertThat(jdbc.sql("select username || ':' || role from identity.user_account order by username")
                .query(String.class).list())
                .containsExactly("ada@example.com:customer", "grace@example.com:customer", "staff@example.com:staff");
    }

    @Test
    void theShopsOwnEndpointsStayStatelessAndAskForABearerToken() {
        HttpResponse<String> products = send(request("/api/catalog/products/FIC-001").GET().build());

        assertThat(products.statusCode()).isEqualTo(200);
        // the login form's session belongs to the identity endpoints only: the resource-server chain keeps none
        assertThat(products.headers().firstValue("Set-Cookie")).isEmpty();
        HttpResponse<String> write = send(request("/api/inventory/stock/FIC-001")
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"available\": 1}"))
                .build());
        assertThat(write.statusCode()).isEqualTo(401);
        assertThat(write.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Bearer").doesNotContain("error="));
        assertThat(write.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void answersBadTokenRequestsWithAnOAuthErrorNotAServerError() {
        String basic = "Basic " + Base64.getEncoder().encodeToString(("ficus-automation:" + AUTOMATION_SECRET)
                .getBytes(StandardCharsets.UTF_8));

        assertThat(postForm("/oauth2/token", basic, "grant_type=password&username=ada%40example.com&password=x"))
                .satisfies(answer -> assertOAuthError(answer, 400, "unsupported_grant_type"));
        assertThat(postForm("/oauth2/token", basic, "grant_type=no-such-grant"))
                .satisfies(answer -> assertOAuthError(answer, 400, "unsupported_grant_type"));
        assertThat(postForm("/oauth2/token", basic, ""))
                .satisfies(answer -> assertOAuthError(answer, 400, "invalid_request"));
        assertThat(postForm("/oauth2/token", basic, "grant_type=authorization_code&code=forged&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcallback"))
                .satisfies(answer -> assertOAuthError(answer, 400, "invalid_grant"));
        assertThat(postForm("/oauth2/token", basic, "grant_type=client_credentials&grant_type=client_credentials"))
                .satisfies(answer -> assertOAuthError(answer, 400, "invalid_request"));
        assertThat(postForm("/oauth2/token", null, "grant_type=authorization_code&client_id=ficus-cli&code=forged&code_verifier=x"))
                .satisfies(answer -> assertThat(answer.status()).isIn(400, 401));
        assertThat(postForm("/oauth2/token", null, "grant_type=client_credentials").status()).isEqualTo(401);
        assertThat(postForm("/oauth2/token", "Basic %%%", "grant_type=client_credentials").status()).isIn(400, 401);
        assertThat(postForm("/oauth2/token", basic, "grant_type=client_credentials&scope=" + "a".repeat(60_000)))
                .satisfies(answer -> assertOAuthError(answer, 400, "invalid_scope"));
        assertThat(postForm("/oauth2/token", basic, "grant_type=client_credentials&scope=" + "a".repeat(200_000)))
                .satisfies(answer -> {
                    assertThat(answer.status()).isEqualTo(413);
                    assertThat(answer.contentType()).startsWith("application/problem+json");
                });
        assertThat(postForm("/oauth2/token", basic, "grant_type=client_credentials&scope=gateway.admin%00").status())
                .isEqualTo(400);
    }

    @Test
    void answersBadAuthorizationRequestsWith4xx() {
        assertThat(get("/oauth2/authorize").status()).isEqualTo(400);
        assertThat(get("/oauth2/authorize?response_type=code&client_id=no-such-client&scope=openid").status()).isEqualTo(400);
        // no PKCE: ficus-cli requires it; the error goes back to the registered redirect URI
        Answer noPkce = get("/oauth2/authorize?response_type=code&client_id=ficus-cli&scope=openid"
                + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A5000%2Fcallback");
        assertThat(noPkce.status()).isIn(302, 400);
        if (noPkce.status() == 302) {
            assertThat(noPkce.location()).startsWith("http://127.0.0.1:5000/callback?error=invalid_request");
        }
        // a redirect URI that is not the loopback callback is never followed
        assertThat(get("/oauth2/authorize?response_type=code&client_id=ficus-cli&scope=openid&code_challenge=abc"
                + "&code_challenge_method=S256&redirect_uri=http%3A%2F%2Fevil.example%2Fcallback").status()).isEqualTo(400);
        assertThat(get("/oauth2/authorize?response_type=code&client_id=" + "x".repeat(10_000)).status()).isBetween(400, 499);
    }

    @Test
    void refusesHostileLoginsWithoutAServerError() {
        CookieManager cookies = new CookieManager();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> form = send(browser, request("/login").header("Accept", "text/html").GET().build());
        assertThat(form.statusCode()).isEqualTo(200);
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(form.body());
        assertThat(csrf.find()).isTrue();
        String token = csrf.group(1);

        List<String> usernames = List.of("ada%00@example.com", "ada%40example.com%0d%0aSet-Cookie%3A+x%3Dy",
                "%E2%80%AEada%40example.com", "a".repeat(50_000), "'+or+1%3D1--", "");
        List<Integer> statuses = new ArrayList<>();
        for (String username : usernames) {
            HttpResponse<String> login = send(browser, request("/login").header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("username=" + username + "&password=" + DEMO_PASSWORD + "&_csrf=" + token))
                    .build());
            statuses.add(login.statusCode());
            assertThat(login.statusCode()).as(username).isEqualTo(302);
            assertThat(login.headers().firstValue("Location").orElseThrow()).as(username).endsWith("/login?error");
        }
        assertThat(statuses).doesNotContain(500);
        // a form body that is not percent-encoded UTF-8 is refused while it is read, as problem+json
        HttpResponse<String> notUtf8 = send(browser, request("/login").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=%ff%fe&password=x&_csrf=" + token)).build());
        assertThat(notUtf8.statusCode()).isEqualTo(400);
        assertThat(notUtf8.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        // without the CSRF token the form refuses before checking anything
        HttpResponse<String> noCsrf = send(http, request("/login").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=ada%40example.com&password=" + DEMO_PASSWORD)).build());
        assertThat(noCsrf.statusCode()).isEqualTo(403);
        // an oversize login body is refused by the shop's size limit, as problem+json
        HttpResponse<String> huge = send(browser, request("/login").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + "a".repeat(200_000) + "&_csrf=" + token)).build());
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(huge.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }

    private static void assertOAuthError(Answer answer, int status, String error) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(JSON.readTree(answer.body()).get("error").asString()).isEqualTo(error);
    }

    private String tokenOf(String user) {
        Script run = script(Map.of("FICUS_PASSWORD", DEMO_PASSWORD), "--issuer", baseUrl(), user);
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        return run.stdout().strip();
    }

    private String clientCredentialsToken() {
        String basic = "Basic " + Base64.getEncoder().encodeToString(("ficus-automation:" + AUTOMATION_SECRET)
                .getBytes(StandardCharsets.UTF_8));
        Answer answer = postForm("/oauth2/token", basic, "grant_type=client_credentials&scope=gateway.admin");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body()).get("access_token").asString();
    }

    private List<String> publishedKids() {
        return texts(JSON.readTree(get("/oauth2/jwks").body()).get("keys").valueStream().map(key -> key.get("kid")).toList());
    }

    private static String kidOf(String token) {
        String header = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8);
        return JSON.readTree(header).get("kid").asString();
    }

    /** Validates signatures against the published JWKS, as every backend will. */
    private JwtDecoder decoder() {
        return NimbusJwtDecoder.withJwkSetUri(baseUrl() + "/oauth2/jwks").build();
    }

    private static List<String> texts(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }

    private static List<String> texts(List<JsonNode> nodes) {
        return nodes.stream().map(JsonNode::asString).toList();
    }

    private String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(30));
    }

    private Answer get(String path) {
        return answer(send(request(path).GET().build()));
    }

    private Answer postForm(String path, String authorization, String form) {
        HttpRequest.Builder builder = request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return answer(send(builder.build()));
    }

    private static Answer answer(HttpResponse<String> response) {
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.headers().firstValue("Location").orElse(null), response.body());
    }

    private HttpResponse<String> send(HttpRequest request) {
        return send(http, request);
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs bin/ficus-token as a user would, with a bound on how long it may take. */
    static Script script(Map<String, String> environment, String... args) {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("ficus-token", ".out");
            Path err = Files.createTempFile("ficus-token", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().remove("FICUS_PASSWORD");
            builder.environment().remove("FICUS_CLIENT_SECRET");
            builder.environment().remove("FICUS_ISSUER");
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("bin/ficus-token did not finish within 120 s: " + command);
            }
            Script result = new Script(process.exitValue(), Files.readString(out), Files.readString(err));
            Files.delete(out);
            Files.delete(err);
            return result;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Script(int exitCode, String stdout, String stderr) {
    }

    record Answer(int status, String contentType, String location, String body) {
    }
}
