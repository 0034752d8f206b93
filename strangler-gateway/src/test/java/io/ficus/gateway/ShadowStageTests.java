package io.ficus.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.headRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shadow stage: legacy answers every caller; a copy of each bodiless GET and HEAD goes to the service in the
 * background, bounded, timed out on its own, and compared; the caller never sees any of it.
 */
class ShadowStageTests {

    static WireMockServer legacy;
    static WireMockServer service;
    static GatewayInstance gateway;

    @BeforeAll
    static void start() {
        legacy = Backends.started("legacy");
        service = Backends.started("service");
        Map<String, Object> properties = GatewayInstance.defaults(TestDatabase.newDatabaseUrl(), legacy, service);
        properties.put("ficus.gateway.plan", "classpath:shadow-plan.yml");
        gateway = GatewayInstance.start(properties);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        legacy.stop();
        service.stop();
    }

    @Test
    void answersFromLegacyAndSendsTheServiceACopyMarkedAsShadow() {
        stub(legacy, "/api/products/1", json("{\"sku\":\"A\",\"name\":\"Fig\"}"));
        stub(service, "/api/products/1", json("{\"name\":\"Fig\",\"sku\":\"A\"}"));
        long before = summary("product-reads").get("compared").longValue();

        String body = gateway.client().get().uri("/api/products/1").header("X-User-Id", "u1").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();

        assertThat(body).isEqualTo("{\"sku\":\"A\",\"name\":\"Fig\"}");
        await().atMost(Duration.ofSeconds(10)).until(() -> summary("product-reads").get("compared").longValue() > before);
        service.verify(getRequestedFor(urlEqualTo("/api/products/1")).withHeader("X-Ficus-Shadow", equalTo("true"))
                .withHeader("X-User-Id", equalTo("u1")));
        legacy.verify(getRequestedFor(urlEqualTo("/api/products/1")).withHeader("X-Ficus-Shadow", absent()));
        assertThat(report("product-reads").get("mismatchesByPath")).isEqualTo(Map.of());
    }

    @Test
    void countsMismatchesByFieldPathAndKeepsSamplesWithRedactedHeaders() {
        stub(legacy, "/api/products/list", json("{\"items\":[{\"sku\":\"A\",\"price\":\"9.90\"},{\"sku\":\"B\",\"price\":\"5.00\"}],"
                + "\"servedBy\":\"monolith\"}").withHeader("X-Version", "1").withHeader("Set-Cookie", "s=secret"));
        stub(service, "/api/products/list", json("{\"items\":[{\"sku\":\"B\",\"price\":\"5.00\"},{\"sku\":\"A\",\"price\":\"9.95\"}],"
                + "\"servedBy\":\"catalog-service\"}").withHeader("X-Version", "2"));

        gateway.client().get().uri("/api/products/list").exchange().expectStatus().isOk();

        await().atMost(Duration.ofSeconds(10)).until(() -> report("product-reads").get("mismatchesByPath") instanceof Map<?, ?> paths
                && paths.containsKey("$.items[*].price"));
        Map<String, Object> report = report("product-reads");
        assertThat((Map<String, Object>) report.get("mismatchesByPath")).containsEntry("$.items[*].price", 1)
                .containsEntry("header:x-version", 1).doesNotContainKey("$.servedBy");
        Map<String, Object> sample = ((List<Map<String, Object>>) report.get("samples")).get(0);
        assertThat(sample).containsEntry("method", "GET").containsEntry("path", "/api/products/list");
        assertThat((List<Map<String, Object>>) sample.get("differences")).extracting(d -> d.get("at"))
                .containsExactly("header:x-version", "$.items[sku=A].price");
        assertThat((Map<String, Object>) ((Map<String, Object>) sample.get("legacy")).get("headers"))
                .containsEntry("Set-Cookie", "[redacted]");
        assertThat(summary("product-reads").get("mismatches").longValue()).isPositive();
    }

    @Test
    void mirrorsHeadRequestsComparingStatusAndHeaders() {
        stub(legacy, "/api/products/head", json("{}"));
        stub(service, "/api/products/head", json("{}"));
        long before = summary("product-reads").get("compared").longValue();

        gateway.client().head().uri("/api/products/head").exchange().expectStatus().isOk();

        await().atMost(Duration.ofSeconds(10)).until(() -> summary("product-reads").get("compared").longValue() > before);
        service.verify(headRequestedFor(urlEqualTo("/api/products/head")));
    }

    @Test
    void neverMirrorsWritesNorAGetWithABody() {
        long skippedBefore = ((Number) report("product-reads").get("skipped")).longValue();

        gateway.client().post().uri("/api/products/new").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"sku\":\"N\"}")
                .exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("legacy");
        gateway.client().method(org.springframework.http.HttpMethod.GET).uri("/api/products/with-body")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"q\":1}")
                .exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("legacy");

        legacy.verify(postRequestedFor(urlEqualTo("/api/products/new")));
        legacy.verify(getRequestedFor(urlEqualTo("/api/products/with-body")));
        service.verify(0, anyRequestedFor(urlEqualTo("/api/products/new")));
        service.verify(0, anyRequestedFor(urlEqualTo("/api/products/with-body")));
        assertThat(((Number) report("product-reads").get("skipped")).longValue()).isEqualTo(skippedBefore + 1);
    }

    @Test
    void answersBeforeASlowServiceDoesAndCountsItsTimeout() {
        stub(legacy, "/api/slow/1", json("{\"a\":1}"));
        stub(service, "/api/slow/1", json("{\"a\":1}").withFixedDelay(10_000));

        gateway.client().get().uri("/api/slow/1").exchange().expectStatus().isOk()
                .expectBody(String.class).isEqualTo("{\"a\":1}");

        // the caller has its answer while the copy is still waiting on the service (3 s shadow timeout)
        Map<String, Object> meanwhile = report("slow-reads");
        assertThat(meanwhile.get("inFlight")).isEqualTo(1);
        assertThat(meanwhile.get("timedOut")).isEqualTo(0);
        await().atMost(Duration.ofSeconds(15)).until(() -> summary("slow-reads").get("timedOut").longValue() == 1);
        assertThat(summary("slow-reads").get("compared").longValue()).isZero();
    }

    @Test
    void answersWhenTheServiceIsDownOrFailingAndCountsIt() {
        stub(legacy, "/api/dead/1", json("{\"a\":1}"));
        stub(legacy, "/api/products/failing", json("{\"a\":1}"));
        stub(service, "/api/products/failing", aResponse().withStatus(500).withBody("boom"));
        long mismatchesBefore = summary("product-reads").get("mismatches").longValue();

        gateway.client().get().uri("/api/dead/1").exchange().expectStatus().isOk().expectBody(String.class)
                .isEqualTo("{\"a\":1}");
        gateway.client().get().uri("/api/products/failing").exchange().expectStatus().isOk()
                .expectBody(String.class).isEqualTo("{\"a\":1}");

        await().atMost(Duration.ofSeconds(10)).until(() -> summary("dead-reads").get("failed").longValue() == 1);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> summary("product-reads").get("mismatches").longValue() > mismatchesBefore);
        assertThat((Map<String, Object>) report("product-reads").get("mismatchesByPath")).containsKey("status");
    }

    @Test
    void dropsAndCountsCopiesBeyondTheRoutesConcurrencyAndQueue() {
        stub(legacy, "/api/held/1", json("{\"a\":1}"));
        stub(service, "/api/held/1", json("{\"a\":1}").withFixedDelay(3_000));

        for (int i = 0; i < 5; i++) {
            gateway.client().get().uri("/api/held/1").exchange().expectStatus().isOk()
                    .expectBody(String.class).isEqualTo("{\"a\":1}");
        }

        // one running, one waiting (max-concurrency 1, queue 1): three of five dropped
        assertThat(summary("held-reads").get("dropped").longValue()).isEqualTo(3);
        await().atMost(Duration.ofSeconds(20)).until(() -> summary("held-reads").get("compared").longValue() == 2);
        service.verify(2, getRequestedFor(urlEqualTo("/api/held/1")));
    }

    @Test
    void copiesNoMoreThanTheRoutesRateAndCountsTheRestAsDropped() {
        stub(legacy, "/api/rated/1", json("{\"a\":1}"));
        stub(service, "/api/rated/1", json("{\"a\":1}"));

        long started = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            gateway.client().get().uri("/api/rated/1").exchange().expectStatus().isOk();
        }
        long elapsedSeconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();

        // max-rate 1: one copy at once, then one more per second at most; the service is fast, so the queue
        // never fills and only the rate drops copies
        Map<String, Object> report = report("rated-reads");
        long mirrored = ((Number) report.get("mirrored")).longValue();
        assertThat(mirrored).isBetween(1L, 1 + elapsedSeconds + 1);
        assertThat(mirrored + ((Number) report.get("dropped")).longValue()).isEqualTo(10);
        assertThat((Map<String, Object>) report.get("settings")).containsEntry("maxRate", 1);
    }

    @Test
    void refusesShadowForAWriteRouteAndShowsShadowFiguresOnEveryRoute() {
        gateway.admin().put().uri("/admin/routes/product-writes/stage").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"stage\":\"shadow\",\"reason\":\"try\"}").exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.detail").value(String.class, detail -> assertThat(detail)
                        .contains("a shadow would execute every write twice"));

        gateway.admin().get().uri("/admin/routes").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.id == 'product-writes')].shadow.compared").isEqualTo(0)
                .jsonPath("$[?(@.id == 'product-writes')].shadow.mismatchRate").isEqualTo(0.0)
                .jsonPath("$[0].shadow.mismatches").isNumber()
                .jsonPath("$[0].shadow.dropped").isNumber()
                .jsonPath("$[0].shadow.timedOut").isNumber();
        gateway.admin().get().uri("/admin/routes/no-such-route/shadow").exchange()
                .expectStatus().isNotFound().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        gateway.admin().delete().uri("/admin/routes/product-reads/shadow").exchange()
                .expectStatus().isEqualTo(HttpStatus.METHOD_NOT_ALLOWED).expectHeader().valueEquals("Allow", "GET");
    }

    @Test
    void stopsMirroringWhenTheRouteLeavesShadow() {
        stub(legacy, "/api/plain/1", json("{\"a\":1}"));
        gateway.move("plain-reads", "shadow", null);
        gateway.client().get().uri("/api/plain/1").exchange().expectStatus().isOk();
        await().atMost(Duration.ofSeconds(10)).until(() -> summary("plain-reads").get("compared").longValue() == 1);

        gateway.move("plain-reads", "legacy", null);
        gateway.client().get().uri("/api/plain/1").exchange().expectStatus().isOk();

        service.verify(1, getRequestedFor(urlPathMatching("/api/plain/.*")));
        assertThat(((Number) report("plain-reads").get("mirrored")).longValue()).isEqualTo(1);
    }

    static void stub(WireMockServer server, String url, ResponseDefinitionBuilder response) {
        server.stubFor(get(urlEqualTo(url)).atPriority(1).willReturn(response));
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.head(urlEqualTo(url)).atPriority(1)
                .willReturn(response));
    }

    static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static Map<String, Number> summary(String routeId) {
        return summaryOf(gateway, routeId);
    }

    static Map<String, Number> summaryOf(GatewayInstance gateway, String routeId) {
        Map<String, Object> route = gateway.admin().get().uri("/admin/routes/{id}", routeId).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return (Map<String, Number>) route.get("shadow");
    }

    private static Map<String, Object> report(String routeId) {
        return reportOf(gateway, routeId);
    }

    static Map<String, Object> reportOf(GatewayInstance gateway, String routeId) {
        return gateway.admin().get().uri("/admin/routes/{id}/shadow", routeId).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }
}
