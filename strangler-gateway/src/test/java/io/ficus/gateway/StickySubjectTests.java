package io.ficus.gateway;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.ficus.platform.testing.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In a canary, a verified token's subject is the caller key: a user lands on the same side from every device and
 * browser; a token that fails the check chooses nothing.
 */
class StickySubjectTests {

    static TestIssuer issuer;
    static WireMockServer legacy;
    static WireMockServer service;
    static GatewayInstance gateway;

    @BeforeAll
    static void start() {
        issuer = TestIssuer.start();
        legacy = Backends.started("legacy");
        service = Backends.started("service");
        Backends.answerWithName(legacy, "legacy");
        Backends.answerWithName(service, "service");
        Map<String, Object> properties = GatewayInstance.defaults(TestDatabase.newDatabaseUrl(), legacy, service);
        properties.put("ficus.gateway.security.issuer-uri", issuer.issuer());
        gateway = GatewayInstance.start(properties);
        gateway.move("catalog-reads", "canary", 50);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        legacy.stop();
        service.stop();
        issuer.close();
    }

    @Test
    void theSameSubjectFromTwoClientsLandsOnTheSameSide() {
        Set<String> sidesSeen = new HashSet<>();
        for (int user = 0; user < 24; user++) {
            String email = "user" + user + "@example.com";
            // two devices: each with its own caller key and its own token of the same user
            String onPhone = side(issuer.customer(email), "phone-" + UUID.randomUUID());
            String onLaptop = side(issuer.customer(email), "laptop-" + UUID.randomUUID());
            assertThat(onLaptop).as("side of %s on a second device", email).isEqualTo(onPhone);
            sidesSeen.add(onPhone);
        }
        // 24 users at 50 %: both sides are taken (a key ignoring the subject could not make the check above hold)
        assertThat(sidesSeen).containsExactlyInAnyOrder("legacy", "service");
    }

    @Test
    void anUnverifiedTokenNeverChoosesTheSide() {
        Set<String> forged = new HashSet<>();
        Set<String> expired = new HashSet<>();
        for (int device = 0; device < 24; device++) {
            // the same subject each time, but the tokens fail the check: the device's own key decides
            forged.add(side(issuer.foreignKey("staff@example.com"), "device-" + UUID.randomUUID()));
            expired.add(side(issuer.expired("ada@example.com"), "device-" + UUID.randomUUID()));
        }
        assertThat(forged).containsExactlyInAnyOrder("legacy", "service");
        assertThat(expired).containsExactlyInAnyOrder("legacy", "service");
    }

    private static String side(String token, String callerKey) {
        return gateway.client().get().uri("/api/catalog/items")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header("X-User-Id", callerKey)
                .exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }
}
