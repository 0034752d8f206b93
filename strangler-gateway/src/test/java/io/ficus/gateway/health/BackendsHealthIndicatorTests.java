package io.ficus.gateway.health;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

class BackendsHealthIndicatorTests {

    @Test
    void reportsEachBackendsReachabilityAndStaysUpWhenOneIsDown() throws IOException {
        int deadPort;
        try (ServerSocket closed = new ServerSocket(0)) {
            deadPort = closed.getLocalPort();
        }
        try (ServerSocket listening = new ServerSocket(0)) {
            BackendsHealthIndicator indicator = new BackendsHealthIndicator(List.of(
                    new BackendsHealthIndicator.Backend("legacy",
                            URI.create("http://127.0.0.1:" + listening.getLocalPort()), Duration.ofSeconds(1)),
                    new BackendsHealthIndicator.Backend("notifications-service",
                            URI.create("http://127.0.0.1:" + deadPort), Duration.ofSeconds(1))));

            Health health = indicator.health().block(Duration.ofSeconds(10));

            assertThat(health).isNotNull();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsOnlyKeys("legacy", "notifications-service");
            assertThat(details(health, "legacy")).containsEntry("reachable", true)
                    .containsEntry("url", "http://127.0.0.1:" + listening.getLocalPort());
            assertThat(details(health, "notifications-service"))
                    .containsEntry("reachable", false).containsKey("error");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> details(Health health, String backend) {
        return (Map<String, Object>) health.getDetails().get(backend);
    }
}
