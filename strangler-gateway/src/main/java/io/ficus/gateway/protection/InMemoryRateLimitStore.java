package io.ficus.gateway.protection;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import reactor.core.publisher.Mono;

/** Per-replica fixed-window counters: the default when no Redis is configured (limits are then per replica). */
class InMemoryRateLimitStore implements RateLimitStore {

    /** Bounds memory under a flood of distinct keys: past this, expired windows are swept. */
    private static final int SWEEP_ABOVE = 100_000;

    private final int limit;
    private final long windowNanos;
    private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();

    private record Window(long start, int count) {
    }

    InMemoryRateLimitStore(int limit, Duration window) {
        this.limit = limit;
        this.windowNanos = window.toNanos();
    }

    @Override
    public Mono<Decision> hit(String key) {
        long now = System.nanoTime();
        if (windows.size() > SWEEP_ABOVE) {
            windows.values().removeIf(window -> now - window.start >= windowNanos);
        }
        Window window = windows.compute(key, (k, current) -> current == null || now - current.start >= windowNanos
                ? new Window(now, 1) : new Window(current.start, current.count + 1));
        if (window.count <= limit) {
            return Mono.just(Decision.ALLOWED);
        }
        long remainingNanos = window.start + windowNanos - now;
        return Mono.just(new Decision(false, Math.max(1, (remainingNanos + 999_999_999L) / 1_000_000_000L)));
    }
}
