package io.ficus.gateway;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.ficus.platform.testing.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A canary stage that names caller groups sends callers in them to the service first, whatever the percent; the
 * percent then applies to everyone else, sticky by the verified subject. Tokens are signed by a {@link TestIssuer},
 * whose {@code roles} claim (the default groups claim) says {@code staff} or {@code customer}.
 */
class CallerGroupsTests {

    static final int CUSTOMERS = 500;

    static TestIssuer issuer;
    static WireMockServer legacy;
    static WireMockServer service;
    static String databaseUrl;
    static GatewayInstance gateway;

    @BeforeAll
    static void start() {
        issuer = TestIssuer.start();
        legacy = Backends.started("legacy");
        service = Backends.started("service");
        databaseUrl = TestDatabase.newDatabaseUrl();
        gateway = GatewayInstance.start(properties());
        warmUp();
    }

    /**
     * The service's first answers through a new gateway can take longer than the test plan's 1 s response timeout
     * on a busy machine, and a canary then falls back to legacy: route-live requests ({@code /api/kept/**} reach the
     * same backend) open the connections first, without touching the route under test.
     */
    static void warmUp() {
        for (String path : List.of("/api/kept/warm-up", "/warm-up")) {
            await().atMost(Duration.ofSeconds(60)).until(() -> gateway.client().get().uri(path).exchange()
                    .returnResult(String.class).getStatus().is2xxSuccessful());
        }
    }

    static Map<String, Object> properties() {
        Map<String, Object> properties = GatewayInstance.defaults(databaseUrl, legacy, service);
        properties.put("ficus.gateway.security.issuer-uri", issuer.issuer());
        return properties;
    }

    @AfterAll
    static void stop() {
        gateway.close();
        legacy.stop();
        service.stop();
        issuer.close();
    }

    @BeforeEach
    void backToLegacy() {
        if (!"legacy".equals(route("catalog-reads").get("stage"))) {
            gateway.admin().post().uri("/admin/routes/catalog-reads/rollback").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"reason\":\"next test\"}").exchange().expectStatus().isOk();
        }
    }

    @Test
    void staffFirstThenTwentyPercentOfCustomersEachOnOneSide() {
        change("{\"stage\":\"canary\",\"percent\":0,\"callerGroups\":[\"staff\"],\"reason\":\"staff first\"}")
                .expectStatus().isOk()
                .expectBody().jsonPath("$.stage").isEqualTo("canary").jsonPath("$.percent").isEqualTo(0)
                .jsonPath("$.callerGroups").isEqualTo(List.of("staff"));

        for (int i = 0; i < 5; i++) {
            assertThat(side(issuer.staff("staff" + i + "@example.com"))).as("staff member %d", i).isEqualTo("service");
        }
        Map<String, String> customers = sidesOfCustomers();
        assertThat(customers).as("customers while only staff are on the canary").allSatisfy(
                (customer, side) -> assertThat(side).isEqualTo("legacy"));
        assertThat(anonymousSide()).isEqualTo("legacy");
        assertThat(gateway.client().get().uri("/api/catalog/items").exchange().returnResult(String.class)
                .getResponseCookies()).as("no caller cookie while the percent is 0").isEmpty();

        change("{\"stage\":\"canary\",\"percent\":20,\"callerGroups\":[\"staff\"],\"reason\":\"a fifth of customers\"}")
                .expectStatus().isOk();

        for (int i = 0; i < 5; i++) {
            assertThat(side(issuer.staff("staff" + i + "@example.com"))).as("staff member %d", i).isEqualTo("service");
        }
        Map<String, String> first = sidesOfCustomers();
        Map<String, String> second = sidesOfCustomers();
        // a new token and a new caller key for each subject the second time: the subject alone decides
        assertThat(second).isEqualTo(first);
        long onService = first.values().stream().filter("service"::equals).count();
        assertThat(onService).as("customers of %d on the service at 20 %%", CUSTOMERS)
                .isBetween((long) (CUSTOMERS * 0.15), (long) (CUSTOMERS * 0.25));
    }

    @Test
    void auditTrailAndReportNameTheGroupsAndRollbackClearsThem() {
        change("{\"stage\":\"canary\",\"percent\":0,\"callerGroups\":[\"staff\",\"beta\"],\"reason\":\"staff and beta first\"}")
                .expectStatus().isOk();
        gateway.admin().get().uri("/admin/routes").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.id == 'catalog-reads')].callerGroups[*]").isEqualTo(List.of("staff", "beta"))
                .jsonPath("$[?(@.id == 'catalog-writes')].callerGroups[*]").isEmpty();
        gateway.admin().get().uri("/admin/audit?route=catalog-reads&limit=1").exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$[0].fromStage").isEqualTo("legacy")
                .jsonPath("$[0].fromCallerGroups").isEmpty()
                .jsonPath("$[0].toStage").isEqualTo("canary")
                .jsonPath("$[0].toPercent").isEqualTo(0)
                .jsonPath("$[0].toCallerGroups").isEqualTo(List.of("staff", "beta"))
                .jsonPath("$[0].changedBy").isEqualTo(GatewayInstance.ADMIN_USER)
                .jsonPath("$[0].reason").isEqualTo("staff and beta first");

        // the same stage and percent with other groups is a change of its own
        change("{\"stage\":\"canary\",\"percent\":0,\"callerGroups\":[\"staff\"],\"reason\":\"beta left\"}")
                .expectStatus().isOk();
        change("{\"stage\":\"canary\",\"percent\":0,\"callerGroups\":[\"staff\"],\"reason\":\"again\"}")
                .expectStatus().isEqualTo(HttpStatus.CONFLICT);

        gateway.admin().post().uri("/admin/routes/catalog-reads/rollback").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"reason\":\"back\"}").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.stage").isEqualTo("legacy").jsonPath("$.callerGroups").isEmpty();
        gateway.admin().get().uri("/admin/audit?route=catalog-reads&limit=1").exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$[0].fromCallerGroups").isEqualTo(List.of("staff"))
                .jsonPath("$[0].toStage").isEqualTo("legacy")
                .jsonPath("$[0].toCallerGroups").isEmpty();
        assertThat(side(issuer.staff("staff@example.com"))).isEqualTo("legacy");
    }

    @Test
    void refusesGroupsThatAreMalformedMisspeltOrMeaninglessWithProblemDetails() {
        int auditBefore = auditSize();
        expectProblem("{\"stage\":\"canary\",\"percent\":0,\"groups\":[\"staff\"],\"reason\":\"x\"}",
                "unknown field 'groups'");
        expectProblem("{\"stage\":\"canary\",\"percent\":0,\"callerGroups\":\"staff\",\"reason\":\"x\"}",
                "unreadable JSON body");
        expectProblem("{\"stage\":\"canary\",\"percent\":0,\"callerGroups\":[\"staff members\"],\"reason\":\"x\"}",
                "'staff members' is not a group name");
        expectProblem("{\"stage\":\"canary\",\"percent\":0,\"callerGroups\":[\"\"],\"reason\":\"x\"}",
                "is not a group name");
        expectProblem("{\"stage\":\"canary\",\"percent\":0,\"callerGroups\":[\"staff\",\"staff\"],\"reason\":\"x\"}",
                "named twice");
        expectProblem("{\"stage\":\"live\",\"callerGroups\":[\"staff\"],\"reason\":\"x\"}",
                "only apply to the canary stage");
        expectProblem("{\"stage\":\"canary\",\"percent\":100,\"callerGroups\":[\"staff\"],\"reason\":\"x\"}",
                "add nothing to canary 100 %");
        String many = String.join(",", java.util.stream.IntStream.range(0, 21).mapToObj(i -> "\"g" + i + "\"").toList());
        expectProblem("{\"stage\":\"canary\",\"percent\":0,\"callerGroups\":[" + many + "],\"reason\":\"x\"}",
                "at most 20 callerGroups");
        assertThat(route("catalog-reads").get("stage")).isEqualTo("legacy");
        assertThat(auditSize()).isEqualTo(auditBefore);
    }

    @Test
    void aRestartedGatewayRoutesByTheStoredGroups() {
        change("{\"stage\":\"canary\",\"percent\":0,\"callerGroups\":[\"staff\"],\"reason\":\"staff first\"}")
                .expectStatus().isOk();
        // a restart on the same database (two gateways in one JVM share Reactor Netty's loops: closing one would
        // stop the other's server)
        gateway.close();
        gateway = GatewayInstance.start(properties());
        warmUp();

        assertThat(side(issuer.staff("staff@example.com"))).isEqualTo("service");
        assertThat(side(issuer.customer("ada@example.com"))).isEqualTo("legacy");
        assertThat(route("catalog-reads").get("callerGroups")).isEqualTo(List.of("staff"));
    }

    /** Each customer's side, with a fresh token and a fresh caller key each time. */
    private static Map<String, String> sidesOfCustomers() {
        Map<String, String> sides = new HashMap<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            String email = "customer" + i + "@example.com";
            sides.put(email, side(issuer.customer(email)));
        }
        return sides;
    }

    private static String side(String token) {
        return gateway.client().get().uri("/api/catalog/items")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header("X-User-Id", "device-" + UUID.randomUUID())
                .exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    private static String anonymousSide() {
        return gateway.client().get().uri("/api/catalog/items").header("X-User-Id", "device-" + UUID.randomUUID())
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
    }

    private static org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec change(String body) {
        return gateway.admin().put().uri("/admin/routes/catalog-reads/stage").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange();
    }

    private static void expectProblem(String body, String detail) {
        change(body).expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(String.class, text -> assertThat(text).contains(detail));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> route(String id) {
        return gateway.admin().get().uri("/admin/routes/{id}", id).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    private static int auditSize() {
        return gateway.admin().get().uri("/admin/audit").exchange().expectStatus().isOk()
                .expectBody(List.class).returnResult().getResponseBody().size();
    }
}
