package io.ficus.gateway.shadow;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Limits one route's shadow copies to a number per second, in bursts of at most one second's worth (the generic
 * cell rate algorithm: one atomic value, no lock, no timer). Concurrency and queue bound the copies of a slow
 * service; this bounds the copies of a fast one, which would otherwise double the gateway's work on the route.
 */
final class CopyRate {

    private final long intervalNanos;
    private final long toleranceNanos;
    private final LongSupplier nanoClock;
    /** When the next copy would be due if copies were spaced evenly (the "theoretical arrival time"). */
    private final AtomicLong due;

    /** {@code perSecond} zero means no limit. */
    CopyRate(int perSecond, LongSupplier nanoClock) {
        this.intervalNanos = perSecond <= 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / perSecond;
        this.toleranceNanos = TimeUnit.SECONDS.toNanos(1) - intervalNanos;
        this.nanoClock = nanoClock;
        this.due = new AtomicLong(nanoClock.getAsLong());
    }

    /** Whether {@link #tryAcquire()} would refuse now; only reads, for the requests a busy route drops. */
    boolean exhausted() {
        return intervalNanos != 0 && due.get() - nanoClock.getAsLong() > toleranceNanos;
    }

    boolean tryAcquire() {
        if (intervalNanos == 0) {
            return true;
        }
        long now = nanoClock.getAsLong();
        while (true) {
            long current = due.get();
            long from = current - now > 0 ? current : now;
            if (from - now > toleranceNanos) {
                return false;
            }
            if (due.compareAndSet(current, from + intervalNanos)) {
                return true;
            }
        }
    }
}
