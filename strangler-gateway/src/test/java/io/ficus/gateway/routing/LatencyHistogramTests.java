package io.ficus.gateway.routing;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Percentiles of a window between two readings, within the buckets' 12.5 %. */
class LatencyHistogramTests {

    @Test
    void givesThePercentileOfTheWindowOnlyNotOfEverythingBefore() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (int i = 0; i < 1000; i++) {
            histogram.record(TimeUnit.MILLISECONDS.toNanos(500));
        }
        long[] stepStart = histogram.reading();
        for (int i = 1; i <= 100; i++) {
            histogram.record(TimeUnit.MILLISECONDS.toNanos(i));
        }

        double p99 = LatencyHistogram.quantileMillis(stepStart, histogram.reading(), 0.99);

        assertThat(p99).isCloseTo(99, within(99 * 0.125)).isGreaterThanOrEqualTo(99);
        assertThat(LatencyHistogram.quantileMillis(stepStart, histogram.reading(), 0.5)).isCloseTo(50, within(50 * 0.125));
    }

    @Test
    void hasNoPercentileForAnEmptyWindow() {
        LatencyHistogram histogram = new LatencyHistogram();
        histogram.record(1_000_000);
        long[] now = histogram.reading();

        assertThat(LatencyHistogram.quantileMillis(now, histogram.reading(), 0.99)).isNaN();
    }

    @Test
    void bucketsCoverEveryValueAndTheirBoundsAreAboveTheirValues() {
        for (long micros : new long[] {0, 1, 7, 8, 9, 15, 16, 17, 1000, 123_456, 1L << 40}) {
            int index = LatencyHistogram.index(micros);
            assertThat(index).isBetween(0, LatencyHistogram.BUCKETS - 1);
            if (micros < 1L << 36) {
                assertThat(LatencyHistogram.upperBoundMicros(index)).isGreaterThan(micros)
                        .isLessThanOrEqualTo(Math.max(micros + 1, (long) (micros * 1.125) + 1));
            }
        }
    }
}
