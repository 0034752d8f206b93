package io.ficus.gateway.shadow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Learns a route's noise: now and then (at most once per interval) a shadowed request also goes to legacy a second
 * time, and every path where legacy disagrees with itself (a timestamp, a request id) is ignored from then on.
 */
final class Calibration {

    /** Noise paths kept; beyond this a route's answers are too random to learn from path by path. */
    static final int MAX_NOISE_PATHS = 200;

    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final Clock clock;
    private final AtomicLong lastStart = new AtomicLong();
    private volatile boolean started;
    private final LongAdder runs = new LongAdder();
    private volatile Instant lastRunAt;
    private final Map<String, NoisePath> noise = new ConcurrentHashMap<>();

    Calibration(Duration interval, LongSupplier nanoTime, Clock clock) {
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
        this.clock = clock;
    }

    /** True for at most one caller per interval (the very first call included); never when off. */
    boolean due() {
        if (intervalNanos <= 0) {
            return false;
        }
        long now = nanoTime.getAsLong();
        if (!started) {
            synchronized (this) {
                if (!started) {
                    lastStart.set(now);
                    started = true;
                    return true;
                }
            }
        }
        long last = lastStart.get();
        return now - last >= intervalNanos && lastStart.compareAndSet(last, now);
    }

    /** The differences between legacy's answer and legacy's second answer to the same request. */
    void learn(List<Difference> differences) {
        runs.increment();
        Instant now = clock.instant();
        lastRunAt = now;
        for (String path : differences.stream().map(Difference::path).distinct().toList()) {
            if (noise.size() < MAX_NOISE_PATHS || noise.containsKey(path)) {
                noise.merge(path, new NoisePath(path, 1, now),
                        (old, fresh) -> new NoisePath(old.path(), old.seen() + 1, old.firstSeen()));
            }
        }
    }

    Set<String> paths() {
        return noise.keySet();
    }

    List<NoisePath> noise() {
        return noise.values().stream().sorted(Comparator.comparing(NoisePath::path)).toList();
    }

    long runs() {
        return runs.sum();
    }

    Instant lastRunAt() {
        return lastRunAt;
    }
}
