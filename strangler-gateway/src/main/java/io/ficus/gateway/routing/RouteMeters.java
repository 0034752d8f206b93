package io.ficus.gateway.routing;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;

/** The meters of one route and side, created once so the hot path only records. */
public record RouteMeters(Timer latency, Counter errors) {

    void record(long nanos, boolean failed) {
        latency.record(nanos, TimeUnit.NANOSECONDS);
        if (failed) {
            errors.increment();
        }
    }

    /** A request that never reached the backend (its circuit breaker was open). */
    void recordRejected() {
        errors.increment();
    }

    public SideStats stats() {
        double p50 = 0;
        double p95 = 0;
        double p99 = 0;
        for (ValueAtPercentile value : latency.takeSnapshot().percentileValues()) {
            double millis = value.value(TimeUnit.MILLISECONDS);
            if (value.percentile() == 0.5) {
                p50 = millis;
            }
            else if (value.percentile() == 0.95) {
                p95 = millis;
            }
            else if (value.percentile() == 0.99) {
                p99 = millis;
            }
        }
        return new SideStats(latency.count(), (long) errors.count(), p50, p95, p99);
    }

    /** Counts and latency percentiles (milliseconds) of one side of a route since startup. */
    public record SideStats(long requests, long errors, double p50Millis, double p95Millis, double p99Millis) {
    }
}
