package io.ficus.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.util.JSONObjectUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person opens the dashboard in a browser and logs in with a staff identity at the issuer (authorization code +
 * PKCE through the management port's own callback), ending in the same session as the password form's, under their
 * own name: their stage changes are audited as theirs. A customer is refused (403, no session), and so is an issuer
 * answer this browser did not ask for or one used before. The public port's browser login is off here: the
 * dashboard's needs only the issuer and the client's secret.
 */
class DashboardStaffLoginTests {

    private static final String SESSION = "ficus-admin-session";
    private static final String LOGIN_STATE = "ficus-admin-session-login";
    private static final String STAFF = "staff@example.com";
    private static final Pattern CSRF_META = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\">");

    static TestLoginProvider provider;
    static WireMockServer legacy;
    static GatewayInstance gateway;
    static String management;

    @BeforeAll
    static void start() throws IOException {
        provider = new TestLoginProvider();
        legacy = Backends.started("legacy");
        Map<String, Object> properties = GatewayInstance.defaults(TestDatabase.newDatabaseUrl(), legacy, legacy);
        properties.put("ficus.gateway.security.issuer-uri", provider.issuer());
        properties.put("ficus.gateway.security.login.client-secret", TestLoginProvider.CLIENT_SECRET);
        gateway = GatewayInstance.start(properties);
        management = "http://127.0.0.1:" + gateway.managementPort();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        legacy.stop();
        provider.close();
    }

    @Test
    void theLoginPageOffersTheIssuerBesideThePasswordForm() {
        HttpResponse<String> page = new TestBrowser(management).send(HttpRequest.newBuilder(
                URI.create(management + "/admin/login")).header("Accept", "text/html").GET());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<a id=\"issuer-login\" class=\"button\" href=\"/_gateway/login\">Log in with "
                + provider.issuer() + "</a>").contains("name=\"password\"");
        // the proxied port does not serve the dashboard's login: its own browser login is off
        assertThat(new TestBrowser("http://127.0.0.1:" + gateway.port()).get("/_gateway/login").statusCode())
                .isNotEqualTo(302);
    }

    @Test
    void aStaffMemberLogsInAtTheIssuerAndTheirStageChangeIsAuditedUnderTheirName() throws Exception {
        provider.signInAs(STAFF, "staff");
        TestBrowser browser = new TestBrowser(management);
        String callback = browser.callbackFrom("/_gateway/login", provider);
        Map<String, String> asked = provider.authorizeRequests().get(provider.authorizeRequests().size() - 1);
        assertThat(asked).containsEntry("client_id", TestLoginProvider.CLIENT_ID)
                .containsEntry("code_challenge_method", "S256").containsKeys("code_challenge", "state", "nonce")
                .containsEntry("redirect_uri", management + "/_gateway/login/callback");

        HttpResponse<String> landed = browser.get(callback.substring(management.length()));
        assertThat(landed.statusCode()).as(landed.body()).isEqualTo(200);
        assertThat(landed.body()).contains("url=/admin/dashboard");
        String cookie = landed.headers().allValues("Set-Cookie").stream()
                .filter(value -> value.startsWith(SESSION + "=")).findFirst().orElseThrow();
        // the same session as the password form's
        assertThat(cookie).containsIgnoringCase("HttpOnly").contains("SameSite=Strict").contains("Path=/admin")
                .contains("Max-Age=28800");
        assertThat(browser.cookies).containsKey(SESSION).doesNotContainKey(LOGIN_STATE);

        HttpResponse<String> dashboard = browser.send(HttpRequest.newBuilder(URI.create(management + "/admin/dashboard"))
                .header("Accept", "text/html").GET());
        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(dashboard.body()).contains(STAFF);
        Matcher csrf = CSRF_META.matcher(dashboard.body());
        assertThat(csrf.find()).isTrue();

        String change = "{\"stage\": \"canary\", \"percent\": 10, \"reason\": \"staff login test\"}";
        assertThat(browser.send(stageChange(change)).statusCode()).as("a change without the CSRF token").isEqualTo(403);
        HttpResponse<String> moved = browser.send(stageChange(change).header("X-CSRF-Token", csrf.group(1)));
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        try {
            HttpResponse<String> audit = browser.get("/admin/audit?route=catalog-reads&limit=1");
            assertThat(audit.statusCode()).isEqualTo(200);
            assertThat(audit.body()).contains("\"changedBy\":\"" + STAFF + "\"").contains("staff login test");
        }
        finally {
            gateway.move("catalog-reads", "legacy", null);
        }
    }

    @Test
    void aCustomerWhoLogsInAtTheIssuerIsRefusedAndGetsNoSession() {
        provider.signInAs("ada@example.com");
        TestBrowser browser = new TestBrowser(management);
        String callback = browser.callbackFrom("/_gateway/login", provider);
        HttpResponse<String> refused = browser.get(callback.substring(management.length()));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.body()).contains("ada@example.com").contains("role 'staff'");
        assertThat(browser.cookies).doesNotContainKey(SESSION);
        assertThat(browser.send(HttpRequest.newBuilder(URI.create(management + "/admin/routes")).GET()).statusCode())
                .isEqualTo(401);

        // a browser asking for HTML sees the login form again, with the reason
        String again = browser.callbackFrom("/_gateway/login", provider);
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(again))
                .header("Accept", "text/html").GET());
        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).contains("<p class=\"error\" role=\"alert\">ada@example.com logged in at the issuer")
                .contains("name=\"password\"");
        assertThat(browser.cookies).doesNotContainKey(SESSION);
    }

    @Test
    void anAnswerThisBrowserDidNotAskForOrOneUsedBeforeIsRefused() {
        provider.signInAs(STAFF, "staff");
        TestBrowser victim = new TestBrowser(management);
        String callback = victim.callbackFrom("/_gateway/login", provider);

        // forged: another browser brings the answer (login CSRF), or one made-up state in the cookie and the query
        TestBrowser attacker = new TestBrowser(management);
        HttpResponse<String> foreign = attacker.get(callback.substring(management.length()));
        assertThat(foreign.statusCode()).isEqualTo(400);
        attacker.cookies.put(LOGIN_STATE, "made-up");
        assertThat(attacker.get("/_gateway/login/callback?code=x&state=made-up").statusCode()).isEqualTo(400);
        assertThat(attacker.cookies).doesNotContainKey(SESSION);

        // replayed: the right browser, but the state was used once already
        String state = victim.cookies.get(LOGIN_STATE);
        assertThat(victim.get(callback.substring(management.length())).statusCode()).isEqualTo(200);
        victim.cookies.remove(SESSION);
        victim.cookies.put(LOGIN_STATE, state);
        HttpResponse<String> replayed = victim.get(callback.substring(management.length()));
        assertThat(replayed.statusCode()).isEqualTo(400);
        assertThat(replayed.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(victim.cookies).doesNotContainKey(SESSION);
    }

    @Test
    void logoutEndsTheSessionHereAndAtTheIssuer() throws Exception {
        provider.signInAs(STAFF, "staff");
        TestBrowser browser = new TestBrowser(management);
        browser.get(browser.callbackFrom("/_gateway/login", provider).substring(management.length()));
        String session = browser.cookies.get(SESSION);
        HttpResponse<String> dashboard = browser.send(HttpRequest.newBuilder(URI.create(management + "/admin/dashboard"))
                .header("Accept", "text/html").GET());
        Matcher csrf = CSRF_META.matcher(dashboard.body());
        assertThat(csrf.find()).isTrue();

        HttpResponse<String> loggedOut = browser.send(HttpRequest.newBuilder(URI.create(management + "/admin/logout"))
                .header("X-CSRF-Token", csrf.group(1)).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(loggedOut.statusCode()).isEqualTo(200);
        URI endSession = URI.create(String.valueOf(JSONObjectUtils.parse(loggedOut.body()).get("endSession")));
        assertThat(endSession.toString()).startsWith(provider.issuer() + "/logout?");
        Map<String, String> query = TestLoginProvider.query(endSession.getRawQuery());
        assertThat(query).containsEntry("post_logout_redirect_uri", management + "/admin/login")
                .containsEntry("client_id", TestLoginProvider.CLIENT_ID).containsKey("id_token_hint");
        assertThat(browser.cookies).doesNotContainKey(SESSION);

        browser.cookies.put(SESSION, session);
        assertThat(browser.get("/admin/routes").statusCode()).as("the old session cookie").isEqualTo(401);
    }

    private static HttpRequest.Builder stageChange(String body) {
        return HttpRequest.newBuilder(URI.create(management + "/admin/routes/catalog-reads/stage"))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body));
    }
}
