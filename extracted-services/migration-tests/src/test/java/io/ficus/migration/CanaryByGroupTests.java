package io.ficus.migration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.ficus.platform.testing.AppProcess;
import io.ficus.platform.testing.FreePorts;
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
 * front, both trusting the shop's tokens. Each demo user logs in twice, in two separate sessions (two cookie jars,
 * two authorization code + PKCE logins, two access tokens), and must land on the same side from both.
 */
class CanaryByGroupTests {

    private static final Logger log = LoggerFactory.getLogger(CanaryByGroupTests.class);

    static final String ADMIN_PASSWORD = "canary-by-group-secret";
    static final String DEMO_PASSWORD = "demo-password-for-the-canary-test";
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
        AppProcess.Builder shop = AppProcess.of(AppJars.of("monolith"), "monolith-canary-groups").quickStart()
                .startupTimeout(STARTUP)
                .env("FICUS_IDENTITY_DEMO_PASSWORD", DEMO_PASSWORD);
        // the issuer every part trusts: the shop itself, at the URL its tokens are requested from
        issuer = "http://127.0.0.1:" + shop.port();
        shop.property("ficus.identity.issuer", issuer);
        AppProcess.Builder catalog = AppProcess.of(AppJars.of("catalog-service"), "catalog-service-canary-groups")
                .quickStart().startupTimeout(STARTUP)
                .properties(broker.springProperties())
                .property("spring.security.oauth2.resourceserver.jwt.issuer-uri", issuer);
        int managementPort = FreePorts.next();
        AppProcess.Builder proxy = AppProcess.of(AppJars.of("strangler-gateway"), "strangler-gateway-canary-groups")
                .quickStart().startupTimeout(STARTUP)
                .env("FICUS_LEGACY_URL", "http://127.0.0.1:" + shop.port())
                .env("FICUS_CATALOG_SERVICE_URL", "http://127.0.0.1:" + catalog.port())
                .env("FICUS_GATEWAY_ADMIN_PASSWORD", ADMIN_PASSWORD)
                .property("ficus.gateway.security.issuer-uri", issuer)
                .property("management.server.port", managementPort)
                .property("management.server.address", "127.0.0.1")
                .healthPort(managementPort);
        CompletableFuture<AppProcess> startingGateway = CompletableFuture.supplyAsync(proxy::start);
        monolith = shop.start();
        service = catalog.property("ficus.catalog.backfill.source-url", monolith.baseUrl()).start();
        gateway = startingGateway.join();
        admin = new GatewayAdmin("http://127.0.0.1:" + managementPort, "admin", ADMIN_PASSWORD);
    }

    @AfterAll
    static void stopEverything() {
        for (AppProcess app : new AppProcess[] { gateway, service, monolith }) {
            if (app != null) {
                app.close();
            }
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void catalogReadsMoveForStaffFirstThenForTwentyPercentOfCustomersEachUserOnOneSideInEverySession() {
        await("backfill").atMost(3, TimeUnit.MINUTES).pollInterval(Duration.ofSeconds(1))
                .until(() -> Http.get(service.baseUrl() + PRODUCT).status() == 200);

        // two separate logins per demo user: two sessions, two tokens
        Map<String, List<String>> sessions = new LinkedHashMap<>();
        for (String user : users()) {
            sessions.put(user, List.of(ShopLogin.accessToken(issuer, user, DEMO_PASSWORD),
                    ShopLogin.accessToken(issuer, user, DEMO_PASSWORD)));
            assertThat(sessions.get(user).get(0)).as("the two sessions' tokens of %s", user)
                    .isNotEqualTo(sessions.get(user).get(1));
        }
        // catalog-service fetches the issuer's keys on its first token, as a deployment's warm-up would
        assertThat(Http.get(service.baseUrl() + PRODUCT, "Authorization", "Bearer " + sessions.get(STAFF).get(0))
                .status()).as("a staff token at catalog-service").isEqualTo(200);

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
        sessions.forEach((user, tokens) -> {
            List<String> seen = new ArrayList<>();
            for (String token : tokens) {
                for (int i = 0; i < REQUESTS_PER_SESSION; i++) {
                    seen.add(side(token));
                }
            }
            assertThat(seen).as("sides of %s's requests in two sessions", user).containsOnly(seen.get(0));
            sides.put(user, seen.get(0));
        });
        return sides;
    }

    private static String side(String token) {
        long legacy = admin.requests("catalog-reads", "legacy");
        long service = admin.requests("catalog-reads", "service");
        Http.Answer answer = Http.get(gateway.baseUrl() + PRODUCT, "Authorization", "Bearer " + token);
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
