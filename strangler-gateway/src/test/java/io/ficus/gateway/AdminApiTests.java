package io.ficus.gateway;

import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin API: credentials, listing with stats, changes with audit, and refusing invalid input. */
class AdminApiTests {

    static WireMockServer legacy;
    static WireMockServer service;
    static GatewayInstance gateway;

    @BeforeAll
    static void start() {
        legacy = Backends.started("legacy");
        service = Backends.started("service");
        gateway = GatewayInstance.start(GatewayInstance.defaults(TestDatabase.newDatabaseUrl(), legacy, service));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        legacy.stop();
        service.stop();
    }

    @Test
    void requiresCredentialsForTheAdminApi() {
        gateway.managementAnonymous().get().uri("/admin/routes").exchange().expectStatus().isUnauthorized();
        gateway.managementAnonymous().get().uri("/admin/routes")
                .headers(headers -> headers.setBasicAuth("admin", "wrong")).exchange().expectStatus().isUnauthorized();
        gateway.managementAnonymous().put().uri("/admin/routes/catalog-writes/stage")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"stage\":\"live\",\"reason\":\"x\"}")
                .exchange().expectStatus().isUnauthorized()
                // refused before its body was read: the connection ends, so the next request cannot be left hanging
                .expectHeader().valueEquals("Connection", "close");

        assertThat(stage("catalog-writes")).isEqualTo("legacy");
    }

    @Test
    void servesProxiedTrafficWithoutCredentialsAndNoAdminApiOnThePublicPort() {
        gateway.client().get().uri("/api/orders").exchange().expectStatus().isOk()
                .expectBody(String.class).isEqualTo("legacy");
        // on the public port /admin is just another path of the legacy backend
        gateway.client().get().uri("/admin/routes").exchange().expectStatus().isOk()
                .expectBody(String.class).isEqualTo("legacy");
    }

    @Test
    void listsRoutesWithStagePercentAndLiveStats() {
        gateway.client().get().uri("/api/catalog/items").exchange().expectStatus().isOk();

        gateway.admin().get().uri("/admin/routes").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$[?(@.id == 'catalog-reads')].stage").isEqualTo("legacy")
                .jsonPath("$[?(@.id == 'catalog-reads')].percent").isEqualTo(0)
                .jsonPath("$[?(@.id == 'catalog-reads')].service").isEqualTo("catalog-service")
                .jsonPath("$[?(@.id == 'catalog-reads')].stats.legacy.requests").value(List.class,
                        counts -> assertThat(((Number) counts.get(0)).longValue()).isPositive())
                .jsonPath("$[?(@.id == 'catalog-reads')].stats.legacy.p99Millis").exists();
    }

    @Test
    void changesStageWithReasonAndRecordsWhoWhenFromToAndWhy() {
        gateway.admin().put().uri("/admin/routes/catalog-reads/stage").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"stage\":\"canary\",\"percent\":10,\"reason\":\"first users\"}")
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.stage").isEqualTo("canary").jsonPath("$.percent").isEqualTo(10)
                .jsonPath("$.updatedBy").isEqualTo("admin");

        gateway.admin().get().uri("/admin/audit?route=catalog-reads").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$[0].routeId").isEqualTo("catalog-reads")
                .jsonPath("$[0].fromStage").isEqualTo("legacy")
                .jsonPath("$[0].toStage").isEqualTo("canary")
                .jsonPath("$[0].toPercent").isEqualTo(10)
                .jsonPath("$[0].reason").isEqualTo("first users")
                .jsonPath("$[0].changedBy").isEqualTo("admin")
                .jsonPath("$[0].changedAt").exists();

        gateway.admin().post().uri("/admin/routes/catalog-reads/rollback").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"reason\":\"done\"}").exchange().expectStatus().isOk();
    }

    @Test
    void refusesInvalidChangesWithProblemDetailsAndChangesNothing() {
        int auditBefore = auditSize();
        String stateBefore = stage("catalog-writes");

        expectProblem("catalog-reads", "{\"stage\":\"canary\",\"percent\":150,\"reason\":\"x\"}", HttpStatus.BAD_REQUEST, "outside 0..100");
        expectProblem("catalog-reads", "{\"stage\":\"canary\",\"reason\":\"x\"}", HttpStatus.BAD_REQUEST, "needs a percent");
        expectProblem("catalog-writes", "{\"stage\":\"half\",\"reason\":\"x\"}", HttpStatus.BAD_REQUEST, "unknown stage");
        expectProblem("catalog-reads", "{\"stage\":\"shadow\",\"percent\":10,\"reason\":\"x\"}", HttpStatus.BAD_REQUEST, "only applies to the canary");
        expectProblem("catalog-writes", "{\"stage\":\"live\"}", HttpStatus.BAD_REQUEST, "reason is missing");
        expectProblem("catalog-writes", "{\"stage\":\"live\",\"percent\":40,\"reason\":\"x\"}", HttpStatus.BAD_REQUEST, "only applies to the canary");
        expectProblem("catalog-writes", "not json", HttpStatus.BAD_REQUEST, "unreadable JSON");
        expectProblem("no-such-route", "{\"stage\":\"live\",\"reason\":\"x\"}", HttpStatus.NOT_FOUND, "no route 'no-such-route'");
        expectProblem("catalog-writes", "{\"stage\":\"legacy\",\"reason\":\"x\"}", HttpStatus.CONFLICT, "already legacy");
        expectProblem("catalog-writes", "{\"stage\":\"live\",\"reason\":\"x\",\"expectedVersion\":999}", HttpStatus.CONFLICT, "not 999");

        assertThat(stage("catalog-writes")).isEqualTo(stateBefore);
        assertThat(auditSize()).isEqualTo(auditBefore);
    }

    @Test
    void refusesCanaryOrShadowForAWriteRouteWith409NamingTheRouteAndChangesNothing() {
        int auditBefore = auditSize();
        for (String stage : new String[] {"canary", "shadow"}) {
            gateway.admin().put().uri("/admin/routes/catalog-writes/stage").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"stage\":\"" + stage + "\",\"percent\":10,\"reason\":\"try\"}").exchange()
                    .expectStatus().isEqualTo(409)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type").isEqualTo("urn:ficus:gateway:stage-not-allowed-for-write-route")
                    .jsonPath("$.title").isEqualTo("Stage not allowed for a write route")
                    .jsonPath("$.detail").value(String.class, detail -> assertThat(detail)
                            .contains("route 'catalog-writes'").contains("stage '" + stage + "'")
                            .contains("write route").contains("POST"));
        }
        assertThat(stage("catalog-writes")).isEqualTo("legacy");
        assertThat(auditSize()).isEqualTo(auditBefore);
    }

    @Test
    void movesEveryRouteOfAGroupTogetherAndRefusesACanaryForAGroupWithAWriteRoute() {
        gateway.admin().put().uri("/admin/routes/cart-reads/stage").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"stage\":\"canary\",\"percent\":20,\"reason\":\"x\"}").exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.detail").value(String.class, detail -> assertThat(detail)
                        .contains("route 'cart-writes' (group 'cart')"));
        assertThat(stage("cart-reads")).isEqualTo("legacy");

        gateway.move("cart-reads", "live", null);
        try {
            assertThat(stage("cart-writes")).isEqualTo("live");
            gateway.admin().get().uri("/admin/audit?route=cart-writes").exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$[0].toStage").isEqualTo("live");
        }
        finally {
            gateway.move("cart-writes", "legacy", null);
        }
        assertThat(stage("cart-reads")).isEqualTo("legacy");
    }

    @Test
    void doesNotExposeSpringCloudGatewayActuatorEndpoints() {
        gateway.admin().get().uri("/actuator/gateway/routes").exchange().expectStatus().isNotFound();
        gateway.admin().post().uri("/actuator/gateway/refresh").exchange().expectStatus().isNotFound();
        // and on the public port /actuator/** is an internal path: refused, never forwarded
        gateway.client().get().uri("/actuator/gateway/routes").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void exposesPerRouteAndSideMetricsOnPrometheusAndHealthWithoutCredentials() {
        gateway.client().get().uri("/api/catalog/items/1").exchange().expectStatus().isOk();

        String metrics = gateway.managementAnonymous().get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(metrics)
                .contains("ficus_gateway_requests_seconds_count{route=\"catalog-reads\",side=\"legacy\"")
                .contains("ficus_gateway_requests_seconds{route=\"catalog-reads\",side=\"legacy\",quantile=\"0.99\"")
                .contains("ficus_gateway_errors_total{route=\"catalog-reads\",side=\"service\"");
        gateway.managementAnonymous().get().uri("/actuator/health").exchange().expectStatus().isOk();
    }

    private void expectProblem(String route, String body, HttpStatus status, String detail) {
        gateway.admin().put().uri("/admin/routes/{id}/stage", route).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(status.value())
                .jsonPath("$.detail").value(String.class, text -> assertThat(text).contains(detail));
    }

    private int auditSize() {
        return gateway.admin().get().uri("/admin/audit").exchange().expectStatus().isOk()
                .expectBody(List.class).returnResult().getResponseBody().size();
    }

    private String stage(String route) {
        return (String) gateway.admin().get().uri("/admin/routes/{id}", route).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("stage");
    }
}
