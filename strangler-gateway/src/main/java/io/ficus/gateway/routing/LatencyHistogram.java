package io.ficus.gateway.routing;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Cumulative latency counts in fixed logarithmic buckets (8 per power of two of microseconds, so a bucket is at most
 * 12.5 % wide). Never reset: the percentile of any window is computed from two readings, which is what a step of
 * automatic progression needs and what Micrometer's decaying percentiles cannot give. Recording is one array
 * increment.
 */
public final class LatencyHistogram {

    private static final int SUB_BITS = 3;
    private static final int SUB_BUCKETS = 1 << SUB_BITS;
    /** 2^36 µs is about 19 hours: anything longer lands in the last bucket. */
    private static final int MAX_EXPONENT = 36;
    static final int BUCKETS = (MAX_EXPONENT - SUB_BITS + 2) * SUB_BUCKETS;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    void record(long nanos) {
        counts.incrementAndGet(index(Math.max(0, nanos / 1000)));
    }

    /** The counts per bucket so far; subtract an earlier reading to get a window. */
    public long[] reading() {
        long[] copy = new long[BUCKETS];
        for (int i = 0; i < BUCKETS; i++) {
            copy[i] = counts.get(i);
        }
        return copy;
    }

    /**
     * The {@code quantile} (0..1) of the latencies recorded between two readings, in milliseconds, as the upper bound
     * of its bucket (so it errs on the slow side); NaN when nothing was recorded in between.
     */
    public static double quantileMillis(long[] earlier, long[] later, double quantile) {
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            total += later[i] - earlier[i];
        }
        if (total == 0) {
            return Double.NaN;
        }
        long rank = (long) Math.ceil(quantile * total);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += later[i] - earlier[i];
            if (seen >= Math.max(1, rank)) {
                return upperBoundMicros(i) / 1000.0;
            }
        }
        return upperBoundMicros(BUCKETS - 1) / 1000.0;
    }

    static int index(long micros) {
        if (micros < SUB_BUCKETS) {
            return (int) micros;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(micros);
        if (exponent > MAX_EXPONENT) {
            return BUCKETS - 1;
        }
        int sub = (int) (micros >>> (exponent - SUB_BITS)) & (SUB_BUCKETS - 1);
        return (exponent - SUB_BITS + 1) * SUB_BUCKETS + sub;
    }

    /** The smallest value (µs) above every value of bucket {@code index}. */
    static long upperBoundMicros(int index) {
        if (index < SUB_BUCKETS) {
            return index + 1;
        }
        int exponent = index / SUB_BUCKETS + SUB_BITS - 1;
        int sub = index % SUB_BUCKETS;
        long width = 1L << (exponent - SUB_BITS);
        return ((long) (SUB_BUCKETS + sub) << (exponent - SUB_BITS)) + width;
    }
}
