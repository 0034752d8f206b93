package io.ficus.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.ficus.gateway.automation.RouteAutomation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.ficus.gateway.AutomationTests.BOUND;
import static io.ficus.gateway.AutomationTests.audit;
import static io.ficus.gateway.AutomationTests.automation;
import static io.ficus.gateway.AutomationTests.route;
import static io.ficus.gateway.AutomationTests.traffic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two gateways on one database: exactly one acts on automated routes, and the other takes over when it stops. */
class AutomationLeaderTests {

    static WireMockServer legacy;
    static WireMockServer service;

    @BeforeAll
    static void start() {
        legacy = Backends.started("legacy");
        service = Backends.started("service");
    }

    @AfterAll
    static void stop() {
        legacy.stop();
        service.stop();
    }

    @Test
    void exactlyOneReplicaActsAndTheOtherTakesOverWhenItStops() {
        Map<String, Object> properties = GatewayInstance.defaults(TestDatabase.newDatabaseUrl(), legacy, service);
        properties.put("ficus.gateway.plan", "classpath:automation-plan.yml");
        properties.put("test.failing-url", service.baseUrl());
        properties.put("test.slow-url", service.baseUrl());
        properties.put("ficus.gateway.automation.check-interval", "200ms");
        properties.put("ficus.gateway.canary.override.enabled", "true");
        GatewayInstance one = GatewayInstance.start(properties);
        GatewayInstance two = GatewayInstance.start(properties);
        try {
            await().atMost(BOUND).untilAsserted(() -> assertThat(List.of(leader(one), leader(two)))
                    .containsExactlyInAnyOrder(true, false));
            GatewayInstance acting = leader(one) ? one : two;
            GatewayInstance following = acting == one ? two : one;

            await().atMost(BOUND).pollInterval(Duration.ofMillis(50)).until(() -> {
                traffic(acting, "/api/healthy/items", 5);
                return "live".equals(route(acting, "healthy-reads").get("stage"));
            });

            // each step taken once, by one replica; the follower shows the stored state
            assertThat(audit(acting, "healthy-reads")).extracting(entry -> entry.get("toStage") + " "
                    + entry.get("toPercent")).containsExactly("live 100", "canary 50", "canary 25");
            await().atMost(BOUND).untilAsserted(() -> {
                assertThat(route(following, "healthy-reads").get("stage")).isEqualTo("live");
                assertThat(automation(following, "healthy-reads").get("state")).isEqualTo("finished");
            });
            assertThat(leader(following)).isFalse();
            assertThat(automation(following, "patient-reads").get("step")).isEqualTo("canary 25");

            // what a shutdown does to the automation (SmartLifecycle stop: the lock is released). The whole context
            // is not closed here: in one JVM that disposes Reactor Netty's shared event loops under the other gateway
            acting.bean(RouteAutomation.class).stop();
            assertThat(leader(acting)).isFalse();

            await().atMost(BOUND).untilAsserted(() -> assertThat(leader(following)).isTrue());
            await().atMost(BOUND).pollInterval(Duration.ofMillis(50)).until(() -> {
                traffic(following, "/api/patient/items", 10);
                return "canary 50".equals(automation(following, "patient-reads").get("step"));
            });
            Map<String, Object> promotion = audit(following, "patient-reads").get(0);
            assertThat(promotion.get("changedBy")).isEqualTo("automation");
            assertThat(promotion.get("toPercent")).isEqualTo(50);
            assertThat(audit(following, "patient-reads")).hasSize(2);
        }
        finally {
            one.close();
            two.close();
        }
    }

    private static boolean leader(GatewayInstance gateway) {
        return Boolean.TRUE.equals(automation(gateway, "healthy-reads").get("leader"));
    }
}
