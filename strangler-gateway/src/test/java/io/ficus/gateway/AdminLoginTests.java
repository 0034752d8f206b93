package io.ficus.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard's form login: a session cookie a browser cannot leak to scripts or other sites, CSRF tokens on every
 * change made with it, throttled failures, logout; HTTP basic for scripts is unchanged.
 */
class AdminLoginTests {

    private static final String COOKIE = "ficus-admin-session";
    private static final Pattern CSRF_META = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\">");

    static WireMockServer legacy;
    static GatewayInstance gateway;

    @BeforeAll
    static void start() {
        legacy = Backends.started("legacy");
        Map<String, Object> properties = GatewayInstance.defaults(TestDatabase.newDatabaseUrl(), legacy, legacy);
        properties.put("ficus.gateway.admin.throttle.free-failures", "2");
        properties.put("ficus.gateway.admin.throttle.first-delay", "1s");
        properties.put("ficus.gateway.admin.throttle.max-delay", "1s");
        gateway = GatewayInstance.start(properties);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        legacy.stop();
    }

    @Test
    void servesTheLoginFormWithoutCredentialsAndForbidsFramingIt() {
        gateway.managementAnonymous().get().uri("/admin/login").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectHeader().value("Content-Security-Policy", policy -> assertThat(policy)
                        .contains("frame-ancestors 'none'").contains("script-src 'self'"))
                .expectHeader().valueEquals("X-Frame-Options", "DENY")
                .expectBody(String.class).value(page -> assertThat(page)
                        .contains("<form method=\"post\" action=\"/admin/login\">").contains("name=\"password\"")
                        // no issuer configured: the password is the only way in
                        .doesNotContain("issuer-login").doesNotContain("{{"));
    }

    @Test
    void logsInWithTheFormIntoAStrictHttpOnlySessionCookieThatReadsTheAdminApi() {
        EntityExchangeResult<Void> login = login(GatewayInstance.ADMIN_PASSWORD)
                .expectStatus().isSeeOther()
                .expectHeader().location("/admin/dashboard")
                .expectBody().isEmpty();

        String setCookie = login.getResponseHeaders().getFirst(HttpHeaders.SET_COOKIE);
        assertThat(setCookie).startsWith(COOKIE + "=").containsIgnoringCase("HttpOnly").contains("SameSite=Strict")
                .contains("Path=/admin").contains("Max-Age=28800").doesNotContain("Secure");
        String session = sessionOf(login);
        assertThat(session).hasSizeGreaterThanOrEqualTo(43);

        gateway.managementAnonymous().get().uri("/admin/routes").cookie(COOKIE, session).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$[?(@.id == 'catalog-reads')].stage").isEqualTo("legacy");
        assertThat(csrfToken(session)).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo(session);
    }

    @Test
    void refusesAWrongPasswordWithoutASessionAndWithoutTheBasicAuthDialog() {
        login("wrong").expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value(HttpHeaders.WWW_AUTHENTICATE, challenge -> assertThat(challenge)
                        .startsWith("FormLogin "))
                .expectHeader().doesNotExist(HttpHeaders.SET_COOKIE)
                .expectBody().jsonPath("$.detail").isEqualTo("wrong user name or password");

        // a browser gets the form back, saying why
        gateway.managementAnonymous().post().uri("/admin/login").accept(MediaType.TEXT_HTML)
                .body(BodyInserters.fromFormData("username", "admin").with("password", "wrong")).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().doesNotExist(HttpHeaders.SET_COOKIE)
                .expectBody(String.class).value(page -> assertThat(page)
                        .contains("<p class=\"error\" role=\"alert\">wrong user name or password</p>")
                        .contains("<form"));
        login(GatewayInstance.ADMIN_PASSWORD).expectStatus().isSeeOther(); // forgets these failures
    }

    @Test
    void throttlesRepeatedFailedLoginsLikeBasicAuth() {
        login(GatewayInstance.ADMIN_PASSWORD).expectStatus().isSeeOther();
        login("wrong-1").expectStatus().isUnauthorized();
        login("wrong-2").expectStatus().isUnauthorized();
        login("wrong-3").expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "1")
                .expectBody().jsonPath("$.detail").value(String.class, detail -> assertThat(detail)
                        .contains("too many failed logins"));
        // locked out: even the right password waits, and HTTP basic shares the lock
        login(GatewayInstance.ADMIN_PASSWORD).expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        gateway.admin().get().uri("/admin/routes").exchange().expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                login(GatewayInstance.ADMIN_PASSWORD).expectStatus().isSeeOther());
    }

    @Test
    void refusesALoginThatIsNotAFormAndKeepsTheConnectionUsable() {
        for (int i = 0; i < 3; i++) {
            gateway.managementAnonymous().post().uri("/admin/login").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"username\":\"admin\",\"password\":\"x\"}").exchange()
                    .expectStatus().isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
            gateway.managementAnonymous().post().uri("/admin/login")
                    .body(BodyInserters.fromFormData("username", "admin")).exchange()
                    .expectStatus().isBadRequest();
        }
    }

    @Test
    void refusesALoginPostedByAnotherSitesForm() {
        // several times over: each refusal leaves its connection able to carry the next request
        for (int i = 0; i < 3; i++) {
            gateway.managementAnonymous().post().uri("/admin/login").header(HttpHeaders.ORIGIN, "https://evil.example")
                    .body(BodyInserters.fromFormData("username", "admin").with("password", GatewayInstance.ADMIN_PASSWORD))
                    .exchange()
                    .expectStatus().isForbidden()
                    .expectHeader().doesNotExist(HttpHeaders.SET_COOKIE);
        }
        // the gateway's own login page, as a browser posts it
        gateway.managementAnonymous().post().uri("/admin/login")
                .header(HttpHeaders.ORIGIN, "http://127.0.0.1:" + gateway.managementPort())
                .body(BodyInserters.fromFormData("username", "admin").with("password", GatewayInstance.ADMIN_PASSWORD))
                .exchange()
                .expectStatus().isSeeOther();
    }

    @Test
    void refusesAChangeMadeWithTheSessionCookieUnlessItCarriesTheSessionsCsrfToken() {
        String session = loggedIn();
        String token = csrfToken(session);
        String otherSessionsToken = csrfToken(loggedIn());

        for (String wrong : new String[] {null, "", otherSessionsToken}) {
            WebTestClient.RequestBodySpec put = gateway.managementAnonymous().put()
                    .uri("/admin/routes/catalog-reads/stage").cookie(COOKIE, session)
                    .contentType(MediaType.APPLICATION_JSON);
            if (wrong != null) {
                put.header("X-CSRF-Token", wrong);
            }
            put.bodyValue("{\"stage\":\"canary\",\"percent\":10,\"reason\":\"forged\"}").exchange()
                    .expectStatus().isForbidden()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.detail").value(String.class, detail -> assertThat(detail)
                            .contains("X-CSRF-Token"));
            gateway.managementAnonymous().post().uri("/admin/routes/catalog-reads/rollback").cookie(COOKIE, session)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"reason\":\"forged\"}").exchange()
                    .expectStatus().isForbidden();
        }
        assertThat(stageOf("catalog-reads")).isEqualTo("legacy");

        gateway.managementAnonymous().put().uri("/admin/routes/catalog-reads/stage").cookie(COOKIE, session)
                .header("X-CSRF-Token", token).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"stage\":\"canary\",\"percent\":10,\"reason\":\"from the dashboard\"}").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.stage").isEqualTo("canary").jsonPath("$.updatedBy").isEqualTo("admin");
        gateway.managementAnonymous().post().uri("/admin/routes/catalog-reads/rollback").cookie(COOKIE, session)
                .header("X-CSRF-Token", token).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"reason\":\"back\"}").exchange()
                .expectStatus().isOk();
        assertThat(stageOf("catalog-reads")).isEqualTo("legacy");
    }

    @Test
    void logsOutSoTheCookieNoLongerOpensAnything() {
        String session = loggedIn();
        String token = csrfToken(session);

        gateway.managementAnonymous().post().uri("/admin/logout").cookie(COOKIE, session).exchange()
                .expectStatus().isForbidden(); // a forged logout is a change too
        EntityExchangeResult<Void> logout = gateway.managementAnonymous().post().uri("/admin/logout")
                .cookie(COOKIE, session).header("X-CSRF-Token", token).exchange()
                .expectStatus().isNoContent()
                .expectBody().isEmpty();
        assertThat(logout.getResponseHeaders().getFirst(HttpHeaders.SET_COOKIE)).startsWith(COOKIE + "=;")
                .contains("Max-Age=0");

        gateway.managementAnonymous().get().uri("/admin/routes").cookie(COOKIE, session).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value(HttpHeaders.WWW_AUTHENTICATE, challenge -> assertThat(challenge)
                        .startsWith("FormLogin "))
                .expectBody().jsonPath("$.detail").value(String.class, detail -> assertThat(detail)
                        .contains("session has ended"));
        gateway.managementAnonymous().get().uri("/admin/dashboard").accept(MediaType.TEXT_HTML)
                .cookie(COOKIE, session).exchange()
                .expectStatus().isSeeOther().expectHeader().location("/admin/login");
    }

    @Test
    void sendsABrowserWithoutLoginToTheFormAndScriptsToHttpBasic() {
        gateway.managementAnonymous().get().uri("/admin/dashboard")
                .accept(MediaType.TEXT_HTML, MediaType.parseMediaType("application/xhtml+xml"), MediaType.ALL)
                .exchange()
                .expectStatus().isSeeOther().expectHeader().location("/admin/login");
        gateway.managementAnonymous().get().uri("/admin/dashboard").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().value(HttpHeaders.WWW_AUTHENTICATE, challenge -> assertThat(challenge)
                        .startsWith("Basic "));
        // the page's assets hold no data and are open, so the login form is styled
        gateway.managementAnonymous().get().uri("/admin/assets/dashboard.css").exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("text/css");
        gateway.managementAnonymous().get().uri("/admin/assets/other.css").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void servesTheDashboardToHttpBasicWithoutASessionToken() {
        gateway.admin().get().uri("/admin/dashboard").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
                .expectBody(String.class).value(page -> assertThat(page)
                        .contains("<meta name=\"csrf-token\" content=\"\">")
                        .contains("<script src=\"/admin/assets/dashboard.js\" defer></script>"));
    }

    private static WebTestClient.ResponseSpec login(String password) {
        return gateway.managementAnonymous().post().uri("/admin/login")
                .body(BodyInserters.fromFormData("username", GatewayInstance.ADMIN_USER).with("password", password))
                .exchange();
    }

    private static String loggedIn() {
        return sessionOf(login(GatewayInstance.ADMIN_PASSWORD).expectStatus().isSeeOther().expectBody().returnResult());
    }

    private static String sessionOf(EntityExchangeResult<?> login) {
        List<ResponseCookie> cookies = login.getResponseCookies().get(COOKIE);
        assertThat(cookies).as("session cookie").hasSize(1);
        return cookies.get(0).getValue();
    }

    /** The token the dashboard page hands its script. */
    private static String csrfToken(String session) {
        String page = gateway.managementAnonymous().get().uri("/admin/dashboard").accept(MediaType.TEXT_HTML)
                .cookie(COOKIE, session).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        Matcher token = CSRF_META.matcher(page);
        assertThat(token.find()).as("CSRF token in the dashboard page").isTrue();
        return token.group(1);
    }

    private static String stageOf(String route) {
        return gateway.admin().get().uri("/admin/routes/{id}", route).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("stage").toString();
    }
}
