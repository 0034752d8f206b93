package io.ficus.gateway;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.ficus.gateway.routing.CanaryBuckets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** Where each stage sends each method, with testers' overrides enabled. */
class StageRoutingTests {

    static WireMockServer legacy;
    static WireMockServer service;
    static GatewayInstance gateway;

    @BeforeAll
    static void start() {
        legacy = Backends.started("legacy");
        service = Backends.started("service");
        Map<String, Object> properties = GatewayInstance.defaults(TestDatabase.newDatabaseUrl(), legacy, service);
        properties.put("ficus.gateway.canary.override.enabled", "true");
        gateway = GatewayInstance.start(properties);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        legacy.stop();
        service.stop();
    }

    @BeforeEach
    void resetRoutes() {
        Backends.answerWithName(legacy, "legacy");
        Backends.answerWithName(service, "service");
        for (String route : new String[] {"catalog-reads", "catalog-writes"}) {
            if (!"legacy".equals(stageOf(route))) {
                gateway.move(route, "legacy", null);
            }
        }
    }

    @Test
    void sendsEveryMethodToLegacyWhileRoutesAreLegacy() {
        for (HttpMethod method : new HttpMethod[] {HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE}) {
            assertThat(call(method, "/api/catalog/items/1", null)).as(method.name()).isEqualTo("legacy");
        }
    }

    @Test
    void sendsReadsToServiceAndWritesToLegacyWhenOnlyReadsAreLive() {
        gateway.move("catalog-reads", "live", null);

        assertThat(call(HttpMethod.GET, "/api/catalog/items/1", null)).isEqualTo("service");
        assertThat(call(HttpMethod.POST, "/api/catalog/items", null)).isEqualTo("legacy");
        assertThat(call(HttpMethod.DELETE, "/api/catalog/items/1", null)).isEqualTo("legacy");
    }

    @Test
    void sendsEveryClaimedMethodToServiceWhenReadsAndWritesAreLive() {
        gateway.move("catalog-reads", "live", null);
        gateway.move("catalog-writes", "live", null);

        for (HttpMethod method : new HttpMethod[] {HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE}) {
            assertThat(call(method, "/api/catalog/items/1", null)).as(method.name()).isEqualTo("service");
        }
    }

    @Test
    void sendsUnclaimedPathsAndMethodsToLegacyWhateverTheStages() {
        gateway.move("catalog-reads", "live", null);
        gateway.move("catalog-writes", "live", null);

        assertThat(call(HttpMethod.GET, "/api/orders/1", null)).isEqualTo("legacy");
        assertThat(call(HttpMethod.GET, "/", null)).isEqualTo("legacy");
        assertThat(call(HttpMethod.OPTIONS, "/api/catalog/items", null)).isEqualTo("legacy");
    }

    @Test
    void sendsStickyShareOfCallersToServiceInCanary() {
        gateway.move("catalog-reads", "canary", 30);

        int toService = 0;
        for (int caller = 0; caller < 200; caller++) {
            String key = "user-" + caller;
            String expected = CanaryBuckets.inCanary(key, 0, 30) ? "service" : "legacy";
            assertThat(call(HttpMethod.GET, "/api/catalog/items", key)).as(key).isEqualTo(expected);
            assertThat(call(HttpMethod.GET, "/api/catalog/items?again", key)).as(key + " again").isEqualTo(expected);
            toService += "service".equals(expected) ? 1 : 0;
        }
        assertThat(toService).isBetween(40, 80);
    }

    @Test
    void rollsBackToLegacyInOneCall() {
        gateway.move("catalog-reads", "live", null);
        assertThat(call(HttpMethod.GET, "/api/catalog/items", null)).isEqualTo("service");

        gateway.admin().post().uri("/admin/routes/catalog-reads/rollback")
                .header("Content-Type", "application/json").bodyValue("{\"reason\": \"errors up\"}")
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.stage").isEqualTo("legacy");

        assertThat(call(HttpMethod.GET, "/api/catalog/items", null)).isEqualTo("legacy");
    }

    @Test
    void forcesSideWithOverrideHeaderOrCookieAndStripsThemBeforeTheBackend() {
        gateway.move("catalog-reads", "canary", 0);

        String byHeader = gateway.client().get().uri("/api/catalog/items/header").header("X-Ficus-Side", "service")
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        String byCookie = gateway.client().get().uri("/api/catalog/items/cookie")
                .header("Cookie", "session=abc; ficus-side=service")
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();

        assertThat(byHeader).isEqualTo("service");
        assertThat(byCookie).isEqualTo("service");
        service.verify(getRequestedFor(urlEqualTo("/api/catalog/items/header")).withHeader("X-Ficus-Side", absent()));
        service.verify(getRequestedFor(urlEqualTo("/api/catalog/items/cookie"))
                .withHeader("Cookie", com.github.tomakehurst.wiremock.client.WireMock.equalTo("session=abc")));
    }

    @Test
    void passesPathAndQueryThroughUnchanged() {
        gateway.move("catalog-reads", "live", null);

        call(HttpMethod.GET, "/api/catalog/items/caf%C3%A9?q=x%20y&q=2", null);

        service.verify(getRequestedFor(urlEqualTo("/api/catalog/items/caf%C3%A9?q=x%20y&q=2")));
    }

    private String stageOf(String route) {
        return (String) gateway.admin().get().uri("/admin/routes/{id}", route).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("stage");
    }

    private String call(HttpMethod method, String uri, String userId) {
        return gateway.client().method(method).uri(java.net.URI.create("http://127.0.0.1:" + gateway.port() + uri))
                .headers(headers -> {
                    if (userId != null) {
                        headers.set("X-User-Id", userId);
                    }
                })
                .exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }
}
