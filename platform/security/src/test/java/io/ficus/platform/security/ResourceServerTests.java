package io.ficus.platform.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import io.ficus.platform.security.testapp.SampleApplication;
import io.ficus.platform.testing.AuthorizationMatrix;
import io.ficus.platform.testing.AuthorizationMatrix.Caller;
import io.ficus.platform.testing.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sample app in a real Tomcat, checking tokens of an in-process issuer over real HTTP. */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class ResourceServerTests {

    static final TestIssuer issuer = TestIssuer.start();
    static final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", issuer::issuer);
    }

    @AfterAll
    static void stopIssuer() {
        issuer.close();
    }

    @Test
    void everyCallerGetsWhatTheRulesSay() {
        String table = AuthorizationMatrix.of(base(), issuer, "ann@example.com", "bob@example.com",
                        "sam@example.com", "reporter", "reports.read")
                .request("GET", "/api/things").expectEveryone(200)
                .request("HEAD", "/api/things").expectEveryone(200)
                .request("GET", "/api/things/1").expectEveryone(200)
                .request("PUT", "/api/things/1", "{\"name\":\"x\"}").expect(401, 403, 403, 403, 200)
                .request("DELETE", "/api/things/1").expect(401, 403, 403, 403, 405)
                .request("GET", "/api/me")
                .bodyOf(Caller.CUSTOMER, "the customer's own subject", body -> body.contains("ann@example.com"))
                .bodyOf(Caller.MACHINE, "the client id", body -> body.contains("reporter"))
                .expect(401, 200, 200, 200, 200)
                .request("GET", "/api/reports").expect(401, 403, 403, 200, 200)
                .request("GET", "/api/forgotten").expect(401, 403, 403, 403, 403)
                .request("GET", "/api/nothing-here").expect(401, 403, 403, 403, 403)
                .verify();
        assertThat(table).contains("GET /api/forgotten");
    }

    @Test
    void forbiddenNamesInsufficientScopeInTheChallenge() throws Exception {
        HttpResponse<String> response = get("/api/reports", issuer.customer("ann@example.com"));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString()
                .startsWith("Bearer").contains("error=\"insufficient_scope\"");
        assertThat(response.body()).contains("\"detail\":\"Your token does not allow this request\"")
                .contains("\"instance\":\"/api/reports\"");
    }

    @Test
    void aRefusedTokenIsExplainedInTheChallengeAndTheProblem() throws Exception {
        HttpResponse<String> expired = get("/api/me", issuer.expired("ann@example.com"));
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.headers().firstValue("WWW-Authenticate")).get().asString()
                .contains("error=\"invalid_token\"").contains("error_description=\"").contains("expired");
        assertThat(expired.body()).contains("\"status\":401").contains("expired");

        HttpResponse<String> garbage = get("/api/things", "not.a-token");
        assertThat(garbage.statusCode()).isEqualTo(401);
        assertThat(garbage.headers().firstValue("WWW-Authenticate")).get().asString()
                .contains("error=\"invalid_token\"");
    }

    @Test
    void expiryAllowsTheSmallSkewAndNoMore() throws Exception {
        Instant now = Instant.now();
        assertThat(get("/api/me", tokenExpiringAt(now.minusSeconds(10))).statusCode()).isEqualTo(200);
        assertThat(get("/api/me", tokenExpiringAt(now.minusSeconds(45))).statusCode()).isEqualTo(401);
        String noExpiry = issuer.sign(issuer.userClaimsBuilder("ann@example.com", "customer").expirationTime(null)
                .build());
        assertThat(get("/api/me", noExpiry).statusCode()).isEqualTo(401);
    }

    @Test
    void theAudienceMayBeOneStringOrAListThatContainsIt() throws Exception {
        // the shop's access tokens carry "aud": "ficus" (one string); JWT allows both forms
        String single = issuer.sign(issuer.userClaimsBuilder("ann@example.com", "customer").audience("ficus").build());
        String several = issuer.sign(issuer.userClaimsBuilder("ann@example.com", "customer")
                .audience(java.util.List.of("billing", "ficus")).build());
        String neither = issuer.sign(issuer.userClaimsBuilder("ann@example.com", "customer")
                .audience(java.util.List.of("billing", "ficus-not")).build());
        assertThat(get("/api/me", single).statusCode()).isEqualTo(200);
        assertThat(get("/api/me", several).statusCode()).isEqualTo(200);
        assertThat(get("/api/me", neither).statusCode()).isEqualTo(401);
    }

    @Test
    void scopesMayBeAJsonArray() throws Exception {
        // the shop writes scope as an array of strings, Keycloak as one space-separated string
        String arrayScopes = issuer.sign(issuer.userClaimsBuilder("rep", "customer")
                .claim("scope", java.util.List.of("openid", "reports.read")).build());
        assertThat(get("/api/reports", arrayScopes).statusCode()).isEqualTo(200);
    }

    @Test
    void aRotatedKeyIsPickedUpWithoutRestartAndMadeUpKeyIdsCannotFloodTheIssuer() throws Exception {
        assertThat(get("/api/me", issuer.customer("ann@example.com")).statusCode()).isEqualTo(200);
        int fetchesBefore = issuer.keySetRequests();

        issuer.rotateKey();
        String signedWithTheNewKey = issuer.customer("ann@example.com");
        assertThat(get("/api/me", signedWithTheNewKey).statusCode()).isEqualTo(200);
        assertThat(issuer.keySetRequests()).isEqualTo(fetchesBefore + 1);

        RSAKey unpublished = TestIssuer.newKey();
        JWTClaimsSet claims = issuer.userClaimsBuilder("eve@example.com", "staff").build();
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> response = get("/api/me", issuer.signedWith(unpublished, claims));
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString()
                    .contains("error=\"invalid_token\"");
        }
        // at most two fetches per refetch interval (30 s by default), however many unknown key ids arrive
        assertThat(issuer.keySetRequests()).isBetween(fetchesBefore + 1, fetchesBefore + 3);
        assertThat(get("/api/me", issuer.customer("ann@example.com")).statusCode()).isEqualTo(200);
    }

    @Test
    void everyEndpointWithoutARuleIsNamed() {
        EndpointRules rules = context.getBean(EndpointRules.class);
        assertThat(EndpointRuleCoverage.endpointsWithoutRule(context, rules))
                .containsExactly("GET /api/forgotten (SampleController#forgotten)");
        assertThatThrownBy(() -> EndpointRuleCoverage.assertEveryEndpointHasARule(context))
                .isInstanceOf(AssertionError.class).hasMessageContaining("GET /api/forgotten");
        assertThat(EndpointRuleCoverage.endpointsWithoutRule(context, EndpointRules.of(
                EndpointRule.open(null, "/**")))).isEmpty();
    }

    private String tokenExpiringAt(Instant expiry) {
        return issuer.sign(issuer.userClaimsBuilder("ann@example.com", "customer")
                .issueTime(Date.from(expiry.minusSeconds(300))).notBeforeTime(Date.from(expiry.minusSeconds(300)))
                .expirationTime(Date.from(expiry)).build());
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

}
