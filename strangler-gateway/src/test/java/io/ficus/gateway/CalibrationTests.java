package io.ficus.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.ficus.gateway.ShadowStageTests.json;
import static io.ficus.gateway.ShadowStageTests.reportOf;
import static io.ficus.gateway.ShadowStageTests.stub;
import static io.ficus.gateway.ShadowStageTests.summaryOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Noise calibration: a field legacy itself answers differently on every call (a timestamp) is learnt by sending
 * one request to legacy twice, then listed as noise and no longer counted as a mismatch.
 */
class CalibrationTests {

    /** Different on every call, like a timestamp or a request id. */
    private static final String CHANGING = "{\"id\":1,\"servedAt\":\"{{randomValue length=16 type='ALPHANUMERIC'}}\"}";

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
    void learnsAFieldThatChangesOnEveryLegacyCallAsNoiseAndStopsCountingIt() {
        for (String path : new String[] {"/api/clock/now", "/api/uncalibrated-clock/now"}) {
            stub(legacy, path, json(CHANGING).withTransformers("response-template"));
            stub(service, path, json("{\"id\":1,\"servedAt\":\"service-time\"}"));
        }

        String first = gateway.client().get().uri("/api/clock/now").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        String second = gateway.client().get().uri("/api/uncalibrated-clock/now").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(first).startsWith("{\"id\":1,\"servedAt\":\"").isNotEqualTo(second).doesNotContain("{{");
        for (int i = 0; i < 2; i++) {
            gateway.client().get().uri("/api/clock/now").exchange().expectStatus().isOk();
            gateway.client().get().uri("/api/uncalibrated-clock/now").exchange().expectStatus().isOk();
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> summaryOf(gateway, "clock-reads").get("compared").longValue() == 3
                && summaryOf(gateway, "uncalibrated-clock-reads").get("compared").longValue() == 3);
        // without calibration the timestamp is a mismatch every time
        assertThat(summaryOf(gateway, "uncalibrated-clock-reads").get("mismatches").longValue()).isEqualTo(3);
        assertThat((Map<String, Object>) reportOf(gateway, "uncalibrated-clock-reads").get("mismatchesByPath"))
                .containsEntry("$.servedAt", 3);
        // with it, the first request went to legacy twice, and the timestamp is listed as noise instead
        Map<String, Object> calibrated = reportOf(gateway, "clock-reads");
        assertThat(calibrated.get("mismatches")).isEqualTo(0);
        assertThat(calibrated.get("calibrations")).isEqualTo(1);
        assertThat((List<Map<String, Object>>) calibrated.get("noise")).extracting(noise -> noise.get("path"))
                .containsExactly("$.servedAt");
        legacy.verify(1, getRequestedFor(urlEqualTo("/api/clock/now")).withHeader("X-Ficus-Shadow", equalTo("true")));
        legacy.verify(4, getRequestedFor(urlEqualTo("/api/clock/now")));
    }

    @Test
    void stillCountsRealDifferencesOutsideTheNoise() {
        stub(legacy, "/api/other-clock/now", json(CHANGING).withTransformers("response-template"));
        stub(service, "/api/other-clock/now", json("{\"id\":2,\"servedAt\":\"service-time\"}"));

        gateway.client().get().uri("/api/other-clock/now").exchange().expectStatus().isOk();

        await().atMost(Duration.ofSeconds(10))
                .until(() -> summaryOf(gateway, "other-clock-reads").get("mismatches").longValue() == 1);
        assertThat((Map<String, Object>) reportOf(gateway, "other-clock-reads").get("mismatchesByPath"))
                .containsOnlyKeys("$.id");
    }
}
