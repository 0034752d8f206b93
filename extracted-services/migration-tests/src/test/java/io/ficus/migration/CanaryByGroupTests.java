package io.ficus.migration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.ficus.platform.testing.AppProcess;
import io.ficus.platform.testing.TestVirtualHost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Catalog reads move to catalog-service for staff first, then for 20 % of customers, with real processes: the shop
 * as the OpenID Connect issuer (its demo users), catalog-service backfilled from it, and the strangler gateway in
 * front with browser login on, both trusting the shop's tokens; the issuer's public URL is the gateway's. Each demo
 * user logs in twice at the gateway, in two separate browser sessions (two cookie jars, each starting at the gateway's
 * login path, through the shop's login form, back to the gateway's callback), and reads the catalog with nothing but
 * the gateway's session cookie (the gateway relays the session's access token); each user must land on the same side
 * from both sessions.
 */
class CanaryByGroupTests {

    private static final Logger log = LoggerFactory.getLogger(CanaryByGroupTests.class);

    static final String ADMIN_PASSWORD = "canary-by-group-secret";
    static final String DEMO_PASSWORD = "demo-password-for-the-canary-test";
    static final String SESSION_COOKIE = "ficus-gateway-session";
    static final String STAFF = "staff@example.com";
    static final List<String> CUSTOMERS = List.of("ada@example.com", "grace@example.com");
    static final String PRODUCT = "/api/catalog/products/FIC-001";
    static final int REQUESTS_PER_SESSION = 3;
    /** Three JVMs and their embedded databases start at once on a shared 2-core machine: minutes, not seconds. */
    static final Duration STARTUP = Duration.ofMinutes(8);

    static TestVirtualHost broker;
    static AppProcess monolith;
    static AppProcess service;
    static AppProcess gateway;
    static GatewayAdmin admin;
    static String issuer;

    @BeforeAll
    static void startTheShopTheServiceAndTheGateway() {
        broker = TestVirtualHost.create("canary-groups");
        // the issuer every part trusts: the shop, at its public URL, which is the gateway's (as for browsers)
        ShopBehindGateway estate = ShopBehindGateway.of("-canary-groups", "127.0.0.1", DEMO_PASSWORD, STARTUP);
        issuer = estate.publicUrl;
        AppProcess.Builder catalog = AppProcess.of(AppJars.of("catalog-service"), "catalog-service-canary-groups")
                .quickStart().startupTimeout(STARTUP)
                .properties(broker.springProperties())
                .property("spring.security.oauth2.resourceserver.jwt.issuer-uri", issuer);
        estate.gateway.builder.env("FICUS_CATALOG_SERVICE_URL", "http://127.0.0.1:" + catalog.port())
                .env("FICUS_GATEWAY_ADMIN_PASSWORD", ADMIN_PASSWORD);
        monolith = estate.startShop();
        service = catalog.property("ficus.catalog.backfill.source-url", monolith.baseUrl()).start();
        gateway = estate.startedGateway();
        admin = estate.gateway.admin(ADMIN_PASSWORD);
    }

    @AfterAll
    static void stopEverything() {
        AppProcess.closeAll(gateway, service, monolith, broker);
    }

    @Test
    void catalogReadsMoveForStaffFirstThenForTwentyPercentOfCustomersEachUserOnOneSideInEverySession() {
        await("backfill").atMost(3, TimeUnit.MINUTES).pollInterval(Duration.ofSeconds(1))
                .until(() -> Http.get(service.baseUrl() + PRODUCT).status() == 200);

        // two separate browser logins per demo user at the gateway: two sessions, two session cookies
        Map<String, List<String>> sessions = new LinkedHashMap<>();
        for (String user : users()) {
            sessions.put(user, List.of(ShopLogin.gatewaySession(gateway.baseUrl(), user, DEMO_PASSWORD),
                    ShopLogin.gatewaySession(gateway.baseUrl(), user, DEMO_PASSWORD)));
            assertThat(sessions.get(user).get(0)).as("the two sessions' cookies of %s", user)
                    .isNotEqualTo(sessions.get(user).get(1));
            for (String session : sessions.get(user)) {
                // the session is this user's: the shop answers who is calling from the token the gateway relays
                Http.Answer me = Http.get(gateway.baseUrl() + "/userinfo", "Cookie", SESSION_COOKIE + "=" + session);
                assertThat(me.status()).as(me.toString()).isEqualTo(200);
                assertThat(me.json().path("sub").asString()).isEqualTo(user);
            }
        }
        // catalog-service fetches the issuer's keys on its first token, as a deployment's warm-up would (a token of
        // its own login: a browser session's token never leaves the gateway)
        assertThat(Http.get(service.baseUrl() + PRODUCT, "Authorization",
                "Bearer " + ShopLogin.accessToken(issuer, STAFF, DEMO_PASSWORD)).status())
                .as("a staff token at catalog-service").isEqualTo(200);

        admin.canary("catalog-reads", 0, List.of("staff"), "canary test: staff first");
        Map<String, String> staffOnly = sidesOf(sessions);
        assertThat(staffOnly).containsEntry(STAFF, "service");
        CUSTOMERS.forEach(customer -> assertThat(staffOnly).containsEntry(customer, "legacy"));

        admin.canary("catalog-reads", 20, List.of("staff"), "canary test: a fifth of customers");
        Map<String, String> fifth = sidesOf(sessions);
        assertThat(fifth).containsEntry(STAFF, "service");
        CUSTOMERS.forEach(customer -> assertThat(fifth).containsKey(customer));

        JsonNode audit = admin.audit("catalog-reads", 2);
        assertThat(audit.path(0).path("toPercent").asInt()).isEqualTo(20);
        assertThat(audit.path(0).path("fromPercent").asInt()).isZero();
        for (JsonNode entry : List.of(audit.path(0), audit.path(1))) {
            assertThat(texts(entry.path("toCallerGroups"))).containsExactly("staff");
            assertThat(entry.path("changedBy").asString()).isEqualTo("admin");
        }

        admin.rollback("catalog-reads", "canary test: done");
        assertThat(admin.route("catalog-reads").path("callerGroups").isEmpty()).isTrue();
        assertThat(sidesOf(Map.of(STAFF, sessions.get(STAFF)))).containsEntry(STAFF, "legacy");

        log.info("Canary by group: staff only {}; staff + 20 % of customers {}", staffOnly, fifth);
    }

    /**
     * The side each user lands on, the same in every session and request of theirs (asserted here): found from the
     * gateway's per-side counters of the route, one request at a time (nothing else calls the route).
     */
    private static Map<String, String> sidesOf(Map<String, List<String>> sessions) {
        Map<String, String> sides = new LinkedHashMap<>();
        sessions.forEach((user, sessionCookies) -> {
            List<String> seen = new ArrayList<>();
            for (String session : sessionCookies) {
                for (int i = 0; i < REQUESTS_PER_SESSION; i++) {
                    seen.add(side(session));
                }
            }
            assertThat(seen).as("sides of %s's requests in two sessions", user).containsOnly(seen.get(0));
            sides.put(user, seen.get(0));
        });
        return sides;
    }

    /** One catalog read in a browser session: only its gateway cookie, no Authorization header. */
    private static String side(String session) {
        long legacy = admin.requests("catalog-reads", "legacy");
        long service = admin.requests("catalog-reads", "service");
        Http.Answer answer = Http.get(gateway.baseUrl() + PRODUCT, "Cookie", SESSION_COOKIE + "=" + session);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.json().path("sku").asString()).isEqualTo("FIC-001");
        long toLegacy = admin.requests("catalog-reads", "legacy") - legacy;
        long toService = admin.requests("catalog-reads", "service") - service;
        assertThat(toLegacy + toService).as("requests the gateway sent for one call (legacy %d, service %d)",
                toLegacy, toService).isEqualTo(1);
        return toService == 1 ? "service" : "legacy";
    }

    private static List<String> users() {
        List<String> users = new ArrayList<>(CUSTOMERS);
        users.add(STAFF);
        return users;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asString()));
        return texts;
    }
}
