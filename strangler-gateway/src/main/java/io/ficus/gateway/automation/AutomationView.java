package io.ficus.gateway.automation;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.lang.Nullable;

/**
 * A route's automatic progression as the admin API shows it (field names are part of the API; the dashboard reads
 * them).
 *
 * @param state         {@code running}, {@code paused}, {@code finished} or {@code rolled-back}
 * @param step          the current step ({@code canary 25}); null before the first step is taken
 * @param stepIndex     its index in {@code steps}; -1 before the first step
 * @param lastDecision  in words, what the last check decided or waits for
 * @param figures       the current window's figures at the last check (names as on audit entries)
 * @param checkedAt     when the replica holding the lock last looked at the route
 * @param leader        whether this replica holds the automation lock (the one that acts)
 */
public record AutomationView(String state, @Nullable String step, int stepIndex, List<String> steps,
        Instant stepStartedAt, String minDuration, long minRequests, Thresholds thresholds, @Nullable String pausedBy,
        @Nullable String pausedReason, @Nullable String lastDecision, @Nullable Map<String, Object> figures,
        @Nullable Instant checkedAt, boolean leader) {

    /** The plan's thresholds: percent, a ratio, and the latency below which latencies count as equal. */
    public record Thresholds(@Nullable Double maxErrorRateIncrease, @Nullable Double maxP99Ratio,
            @Nullable Double maxMismatchRate, long p99FloorMillis) {
    }
}
