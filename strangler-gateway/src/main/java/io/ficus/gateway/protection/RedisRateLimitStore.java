package io.ficus.gateway.protection;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * Fixed-window counters shared by all replicas in Redis. If Redis fails the request is let through (fail open,
 * logged): rate limiting is protection, and an outage of it must not become an outage of the shop.
 */
class RedisRateLimitStore implements RateLimitStore {

    private static final Logger log = LoggerFactory.getLogger(RedisRateLimitStore.class);

    private final ReactiveStringRedisTemplate redis;
    private final int limit;
    private final long windowMillis;

    RedisRateLimitStore(ReactiveStringRedisTemplate redis, int limit, Duration window) {
        this.redis = redis;
        this.limit = limit;
        this.windowMillis = window.toMillis();
    }

    @Override
    public Mono<Decision> hit(String key) {
        long now = System.currentTimeMillis();
        long windowIndex = now / windowMillis;
        String redisKey = "ficus:gateway:rate:" + key + ":" + windowIndex;
        long retryAfter = Math.max(1, ((windowIndex + 1) * windowMillis - now + 999) / 1000);
        return redis.opsForValue().increment(redisKey)
                .flatMap(count -> (count == 1 ? redis.expire(redisKey, Duration.ofMillis(windowMillis * 2)) : Mono.just(true))
                        .thenReturn(count <= limit ? Decision.ALLOWED : new Decision(false, retryAfter)))
                .onErrorResume(error -> {
                    log.warn("Rate limit store unavailable, letting the request through: {}", error.getMessage());
                    return Mono.just(Decision.ALLOWED);
                });
    }
}
