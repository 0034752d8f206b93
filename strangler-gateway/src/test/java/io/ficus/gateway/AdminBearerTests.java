package io.ficus.gateway;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.ficus.platform.testing.AuthorizationMatrix;
import io.ficus.platform.testing.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin API and the dashboard with bearer tokens of the configured issuer: staff and machine clients with scope
 * {@code gateway.admin} may, customers may not, and refused tokens get 401 with {@code error="invalid_token"};
 * HTTP basic keeps working beside them.
 */
class AdminBearerTests {

    static final String STAFF = "staff@example.com";
    static final String MACHINE = "ficus-automation";

    static TestIssuer issuer;
    static WireMockServer legacy;
    static WireMockServer service;
    static GatewayInstance gateway;

    @BeforeAll
    static void start() {
        issuer = TestIssuer.start();
        legacy = Backends.started("legacy");
        service = Backends.started("service");
        Map<String, Object> properties = GatewayInstance.defaults(TestDatabase.newDatabaseUrl(), legacy, service);
        properties.put("ficus.gateway.security.issuer-uri", issuer.issuer());
        gateway = GatewayInstance.start(properties);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        legacy.stop();
        service.stop();
        issuer.close();
    }

    @Test
    void everyAdminEndpointAnswersEachCallerAsTheRulesSay() {
        AuthorizationMatrix matrix = AuthorizationMatrix.of("http://127.0.0.1:" + gateway.managementPort(), issuer,
                "ada@example.com", "grace@example.com", STAFF, MACHINE, "gateway.admin")
                .request("GET", "/admin/routes").expect(401, 403, 403, 200, 200)
                .request("GET", "/admin/routes/catalog-reads").expect(401, 403, 403, 200, 200)
                .request("GET", "/admin/routes/catalog-reads/shadow").expect(401, 403, 403, 200, 200)
                .request("GET", "/admin/routes/no-such-route").expect(401, 403, 403, 404, 404)
                .request("GET", "/admin/audit").expect(401, 403, 403, 200, 200)
                .request("GET", "/admin/dashboard").expect(401, 403, 403, 200, 200)
                // the machine client moves the route first; staff asking for the very same change then gets the
                // handler's 409 ("already"), which only a caller past authorization can reach
                .request("PUT", "/admin/routes/catalog-reads/stage",
                        "{\"stage\": \"canary\", \"percent\": 10, \"reason\": \"matrix\"}")
                .expect(401, 403, 403, 200, 409)
                .request("POST", "/admin/routes/dead-writes/automation/pause").expect(401, 403, 403, 409, 409);
        matrix.verify();

        assertThat(stage("catalog-reads")).isEqualTo("canary");
    }

    /** An issuer alone makes the gateway check tokens, not a client there: a staff login would fail, none is offered. */
    @Test
    void theDashboardOffersNoIssuerLoginWithoutAClientAtTheIssuer() {
        gateway.managementAnonymous().get().uri("/admin/login").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(page -> assertThat(page).contains("name=\"password\"")
                        .doesNotContain("issuer-login"));
        gateway.managementAnonymous().get().uri("/_gateway/login").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void theAuditNamesTheTokensSubject() {
        gateway.managementAnonymous().put().uri("/admin/routes/dead-reads/stage")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + issuer.staff(STAFF))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"stage\": \"canary\", \"percent\": 20, \"reason\": \"staff first\"}")
                .exchange().expectStatus().isOk();
        gateway.managementAnonymous().put().uri("/admin/routes/dead-reads/stage")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + issuer.machine(MACHINE, "gateway.admin"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"stage\": \"canary\", \"percent\": 40, \"reason\": \"from ci\"}")
                .exchange().expectStatus().isOk();

        gateway.admin().get().uri("/admin/audit?route=dead-reads").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.reason == 'staff first')].changedBy").isEqualTo(STAFF)
                .jsonPath("$[?(@.reason == 'from ci')].changedBy").isEqualTo(MACHINE);
    }

    @Test
    void httpBasicKeepsWorkingAndAnAnonymousCallerIsOfferedBothSchemes() {
        gateway.admin().get().uri("/admin/routes").exchange().expectStatus().isOk();
        gateway.managementAnonymous().get().uri("/admin/routes").exchange().expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().values(HttpHeaders.WWW_AUTHENTICATE, challenges -> assertThat(challenges)
                        .hasSize(2).satisfiesExactly(
                                bearer -> assertThat(bearer).isEqualTo("Bearer realm=\"ficus-gateway-admin\""),
                                basic -> assertThat(basic).startsWith("Basic realm=")));
        // a malformed token is refused as a token, not mistaken for missing credentials
        gateway.managementAnonymous().get().uri("/admin/routes").header(HttpHeaders.AUTHORIZATION, "Bearer not.a.jwt")
                .exchange().expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE,
                        "Bearer realm=\"ficus-gateway-admin\", error=\"invalid_token\"");
    }

    @Test
    void aRotatedSigningKeyIsPickedUpWithoutARestart() {
        String before = issuer.staff(STAFF);
        gateway.managementAnonymous().get().uri("/admin/routes")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + before).exchange().expectStatus().isOk();
        issuer.rotateKey();
        gateway.managementAnonymous().get().uri("/admin/routes")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + issuer.staff(STAFF)).exchange().expectStatus().isOk();
    }

    private static String stage(String routeId) {
        return gateway.admin().get().uri("/admin/routes/{id}", routeId).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("stage").toString();
    }
}
