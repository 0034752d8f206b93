package io.ficus.gateway.protection;

import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Fixed-window counters shared by all replicas in Redis, counted and given their expiry by one script, so no
 * crash or lost reply between the two can leave a counter that never expires. If Redis fails the request is let
 * through (fail open, logged): rate limiting is protection, and an outage of it must not become an outage of the
 * shop.
 */
class RedisRateLimitStore implements RateLimitStore {

    private static final Logger log = LoggerFactory.getLogger(RedisRateLimitStore.class);

    /** INCR, and PEXPIRE on the first hit of a window, atomically (Redis runs a script as one command). */
    static final RedisScript<Long> HIT = RedisScript.of("""
            local count = redis.call('INCR', KEYS[1])
            if count == 1 then
              redis.call('PEXPIRE', KEYS[1], ARGV[1])
            end
            return count""", Long.class);

    private final ReactiveStringRedisTemplate redis;
    private final int limit;
    private final long windowMillis;
    private final List<String> expiry;

    RedisRateLimitStore(ReactiveStringRedisTemplate redis, int limit, Duration window) {
        this.redis = redis;
        this.limit = limit;
        this.windowMillis = window.toMillis();
        this.expiry = List.of(Long.toString(windowMillis * 2));
    }

    @Override
    public Mono<Decision> hit(String key) {
        long now = System.currentTimeMillis();
        long windowIndex = now / windowMillis;
        String redisKey = "ficus:gateway:rate:" + key + ":" + windowIndex;
        long retryAfter = Math.max(1, ((windowIndex + 1) * windowMillis - now + 999) / 1000);
        return redis.execute(HIT, List.of(redisKey), expiry)
                .next()
                .map(count -> count <= limit ? Decision.ALLOWED : new Decision(false, retryAfter))
                .onErrorResume(error -> {
                    log.warn("Rate limit store unavailable, letting the request through: {}", error.getMessage());
                    return Mono.just(Decision.ALLOWED);
                });
    }
}
