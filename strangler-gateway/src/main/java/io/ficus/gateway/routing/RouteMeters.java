package io.ficus.gateway.routing;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;

/**
 * The meters of one route and side, created once so the hot path only records. Four separate counts: requests
 * that reached the backend, backend errors among them, requests answered by legacy instead (fallbacks) and
 * requests the circuit breaker kept from the backend (rejections).
 */
public record RouteMeters(Timer latency, Counter errors, Counter fallbacks, Counter rejections, BurstLog fallbackLog,
        LatencyHistogram histogram) {

    /** A request the backend answered, or failed to answer (a backend error). */
    void record(long nanos, boolean backendError) {
        latency.record(nanos, TimeUnit.NANOSECONDS);
        histogram.record(nanos);
        if (backendError) {
            errors.increment();
        }
    }

    /** A request that never reached the backend: its circuit breaker was open. */
    void recordRejected() {
        rejections.increment();
    }

    /** A request of this side that legacy answered instead. */
    void recordFallback(String routeId, String why) {
        fallbacks.increment();
        fallbackLog.occurred(routeId, why);
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
        return new SideStats(latency.count(), (long) errors.count(), (long) fallbacks.count(),
                (long) rejections.count(), p50, p95, p99);
    }

    /** Cumulative counts since startup, for readers that judge a window by the difference of two readings. */
    public Reading reading() {
        return new Reading(latency.count(), (long) errors.count(), (long) rejections.count(), histogram.reading());
    }

    /**
     * One reading of cumulative counts.
     *
     * @param requests   requests that reached the backend
     * @param errors     of those, backend faults
     * @param rejections requests the circuit breaker kept from the backend
     * @param latencies  the latency histogram's buckets ({@link LatencyHistogram#quantileMillis})
     */
    public record Reading(long requests, long errors, long rejections, long[] latencies) {
    }

    /**
     * Counts and latency percentiles (milliseconds) of one side of a route since startup.
     *
     * @param requests   requests that reached this side's backend
     * @param errors     of those, the backend faults: refused, reset, timed out, 5xx
     * @param fallbacks  requests meant for this side that legacy answered
     * @param rejections requests the circuit breaker kept from this side's backend
     */
    public record SideStats(long requests, long errors, long fallbacks, long rejections, double p50Millis,
            double p95Millis, double p99Millis) {
    }
}
