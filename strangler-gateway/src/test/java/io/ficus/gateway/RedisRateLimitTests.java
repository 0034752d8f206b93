package io.ficus.gateway;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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

            ReactiveStringRedisTemplate redis = gateway.bean(ReactiveStringRedisTemplate.class);
            List<String> keys = redis.keys("ficus:gateway:rate:" + caller + ":*").collectList().block();
            assertThat(keys).hasSize(1);
            assertThat(redis.getExpire(keys.get(0)).block()).isPositive();
        }
        finally {
            legacy.stop();
        }
    }

    @Test
    void countsAndSetsTheExpiryInOneAtomicScriptNotInTwoCommands() {
        assumeTrue(redisIsRunning(), "no Redis on 127.0.0.1:6379");
        WireMockServer legacy = Backends.started("legacy");
        Map<String, Object> properties = GatewayInstance.defaults(TestDatabase.newDatabaseUrl(), legacy, legacy);
        properties.put("ficus.gateway.rate-limit.enabled", "true");
        properties.put("ficus.gateway.rate-limit.limit", "100");
        properties.put("spring.data.redis.host", "127.0.0.1");
        try (GatewayInstance gateway = GatewayInstance.start(properties)) {
            ReactiveStringRedisTemplate redis = gateway.bean(ReactiveStringRedisTemplate.class);
            gateway.client().get().uri("/warm-up").header("X-User-Id", "atomic-" + UUID.randomUUID())
                    .exchange().expectStatus().isOk();
            Map<String, Long> before = commandCalls(redis);
            for (int i = 0; i < 5; i++) {
                gateway.client().get().uri("/limited").header("X-User-Id", "atomic-" + UUID.randomUUID())
                        .exchange().expectStatus().isOk();
            }
            Map<String, Long> after = commandCalls(redis);

            // five first hits of five windows: a script each, never a bare INCR followed by a separate EXPIRE
            assertThat(after.getOrDefault("evalsha", 0L) + after.getOrDefault("eval", 0L)
                    - before.getOrDefault("evalsha", 0L) - before.getOrDefault("eval", 0L)).isGreaterThanOrEqualTo(5);
            assertThat(after.getOrDefault("expire", 0L)).isEqualTo(before.getOrDefault("expire", 0L));
        }
        finally {
            legacy.stop();
        }
    }

    /** Calls per command since Redis started (INFO commandstats), e.g. {@code incr -> 12}. */
    private static Map<String, Long> commandCalls(ReactiveStringRedisTemplate redis) {
        Properties stats = redis.getConnectionFactory().getReactiveConnection().serverCommands().info("commandstats")
                .block();
        Map<String, Long> calls = new HashMap<>();
        stats.forEach((key, value) -> {
            String name = key.toString();
            if (name.startsWith("cmdstat_")) {
                String text = value.toString();
                calls.put(name.substring("cmdstat_".length()),
                        Long.parseLong(text.substring(text.indexOf("calls=") + 6, text.indexOf(','))));
            }
        });
        return calls;
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
