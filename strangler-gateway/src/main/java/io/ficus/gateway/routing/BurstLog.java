package io.ficus.gateway.routing;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the first fallback of a burst at once and sums up the rest, at most one line per quiet interval: a
 * failing service must show in the log without flooding it.
 */
final class BurstLog {

    private static final Logger log = LoggerFactory.getLogger(BurstLog.class);
    private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - INTERVAL_NANOS);
    private final AtomicLong unlogged = new AtomicLong();

    void occurred(String routeId, String why) {
        long now = System.nanoTime();
        long last = lastLogged.get();
        if (now - last >= INTERVAL_NANOS && lastLogged.compareAndSet(last, now)) {
            long since = unlogged.getAndSet(0);
            if (since == 0) {
                log.warn("Route {}: fell back to legacy ({})", routeId, why);
            }
            else {
                log.warn("Route {}: fell back to legacy ({}); {} more fallbacks in the previous {} s", routeId, why,
                        since, TimeUnit.NANOSECONDS.toSeconds(INTERVAL_NANOS));
            }
        }
        else {
            unlogged.incrementAndGet();
        }
    }
}
