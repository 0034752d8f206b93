package io.ficus.gateway.plan;

import java.time.Duration;
import java.util.List;

import org.springframework.lang.Nullable;

/**
 * How a route moves forward by itself: the steps it takes, how long and on how many requests each step is judged,
 * and the thresholds that roll it back to legacy.
 *
 * @param steps       the stages in order, each further from legacy than the one before; the last one ends it
 * @param minDuration a step is held at least this long before the next one
 * @param minRequests a step is judged (promoted or rolled back) only on at least this many requests
 * @param thresholds  what the service must stay within, compared with legacy on the same step
 */
public record AutomationPolicy(List<Step> steps, Duration minDuration, long minRequests, Thresholds thresholds) {

    /** One step: a stage and, for a canary, its percent. */
    public record Step(Stage stage, int percent) {

        /** As written in the plan and shown by the admin API: {@code canary 25}, {@code live}. */
        public String label() {
            return stage == Stage.CANARY ? "canary " + percent : stage.id();
        }
    }

    /**
     * Limits judged on each step's window; a null limit is not judged.
     *
     * @param maxErrorRateIncrease percentage points the service's error rate may exceed legacy's by
     * @param maxP99Ratio          how many times legacy's p99 latency the service's p99 may reach
     * @param maxMismatchRate      percent of compared shadow exchanges whose answers may differ
     * @param p99Floor             latencies below this count as equal: 1 ms against 3 ms is noise, not a regression
     */
    public record Thresholds(@Nullable Double maxErrorRateIncrease, @Nullable Double maxP99Ratio,
            @Nullable Double maxMismatchRate, Duration p99Floor) {
    }

    /** The index of the step at this stage and percent, or -1 when the route stands on none of them. */
    public int indexOf(Stage stage, int percent) {
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            if (step.stage() == stage && step.percent() == percent) {
                return i;
            }
        }
        return -1;
    }

    public List<String> labels() {
        return steps.stream().map(Step::label).toList();
    }
}
