package io.ficus.gateway.routing;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Stickiness, share and monotonic growth of canaries over 10,000 caller keys. */
class CanaryBucketsTests {

    private static final int CALLERS = 10_000;
    private static final int[] PERCENTS = {0, 1, 5, 10, 25, 50, 75, 90, 99, 100};

    @Test
    void sendsShareWithinTwoPointsOfPercentOverTenThousandCallers() {
        List<String> callers = callers();
        for (int percent : PERCENTS) {
            long inCanary = callers.stream().filter(key -> CanaryBuckets.inCanary(key, 0, percent)).count();
            assertThat(inCanary * 100.0 / CALLERS).as("share at %d %%", percent).isBetween(percent - 2.0, percent + 2.0);
        }
    }

    @Test
    void keepsEveryCallerOnTheSameSideForAGivenPercent() {
        for (String key : callers()) {
            boolean first = CanaryBuckets.inCanary(key, 0, 37);
            for (int repeat = 0; repeat < 3; repeat++) {
                assertThat(CanaryBuckets.inCanary(new String(key.toCharArray()), 0, 37)).as(key).isEqualTo(first);
            }
        }
    }

    @Test
    void onlyMovesCallersFromLegacyToServiceWhenPercentGrows() {
        for (String key : callers()) {
            boolean wasInCanary = false;
            for (int percent = 0; percent <= 100; percent++) {
                boolean inCanary = CanaryBuckets.inCanary(key, 0, percent);
                assertThat(!wasInCanary || inCanary).as("%s left the canary at %d %%", key, percent).isTrue();
                wasInCanary = inCanary;
            }
        }
    }

    @Test
    void spreadsCallersOverAllHundredBuckets() {
        int[] counts = new int[CanaryBuckets.BUCKETS];
        callers().forEach(key -> counts[CanaryBuckets.bucket(key, 0)]++);
        for (int bucket = 0; bucket < counts.length; bucket++) {
            assertThat(counts[bucket]).as("bucket %d", bucket).isBetween(50, 150);
        }
    }

    private static List<String> callers() {
        List<String> callers = new ArrayList<>(CALLERS);
        for (int i = 0; i < CALLERS; i++) {
            callers.add(i % 2 == 0 ? "user-" + i : "192.168." + (i / 256) + "." + (i % 256));
        }
        return callers;
    }
}
