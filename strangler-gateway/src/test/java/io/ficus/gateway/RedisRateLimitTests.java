package io.ficus.gateway;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The Redis-backed rate limit, against the Redis at 127.0.0.1:6379 (CI has one); skipped only when none runs. */
class RedisRateLimitTests {

    @Test
    void countsCallersInRedisWhenRedisIsConfigured() {
        assumeTrue(redisIsRunning(), "no Redis on 127.0.0.1:6379");
        WireMockServer legacy = Backends.started("legacy");
        Map<String, Object> properties = GatewayInstance.defaults(TestDatabase.newDatabaseUrl(), legacy, legacy);
        properties.put("ficus.gateway.rate-limit.enabled", "true");
        properties.put("ficus.gateway.rate-limit.limit", "3");
        properties.put("ficus.gateway.rate-limit.window", "30s");
        properties.put("spring.data.redis.host", "127.0.0.1");
        String caller = "redis-caller-" + UUID.randomUUID();
        try (GatewayInstance gateway = GatewayInstance.start(properties)) {
            for (int i = 0; i < 3; i++) {
                gateway.client().get().uri("/limited").header("X-User-Id", caller).exchange().expectStatus().isOk();
            }
            gateway.client().get().uri("/limited").header("X-User-Id", caller).exchange()
                    .expectStatus().isEqualTo(429).expectHeader().exists("Retry-After");

            Long keys = gateway.bean(ReactiveStringRedisTemplate.class).keys("ficus:gateway:rate:" + caller + ":*")
                    .count().block();
            assertThat(keys).isEqualTo(1);
        }
        finally {
            legacy.stop();
        }
    }

    private static boolean redisIsRunning() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 6379), 300);
            return true;
        }
        catch (IOException e) {
            return false;
        }
    }
}
