package io.ficus.gateway.automation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.ficus.gateway.plan.AutomationPolicy;
import io.ficus.gateway.plan.AutomationPolicy.Thresholds;
import io.ficus.gateway.plan.Stage;

/**
 * Decides on one step's window: roll back when a threshold is broken on enough requests, promote when the step has
 * lasted long enough, seen enough requests and every threshold could be judged and holds, otherwise wait. What
 * cannot be judged (no legacy request to compare latencies with, no shadow evidence) never promotes.
 */
final class StepJudge {

    private StepJudge() {
    }

    enum Outcome {
        PROMOTE, ROLL_BACK, WAIT
    }

    /** The decision and, in words, why (it goes into the audit entry or the admin API's lastDecision). */
    record Verdict(Outcome outcome, String why) {
    }

    static Verdict judge(AutomationPolicy policy, AutomationPolicy.Step step, WindowFigures figures,
            boolean shadowEvidenceAvailable) {
        Thresholds limits = policy.thresholds();
        long min = policy.minRequests();
        boolean shadowStep = step.stage() == Stage.SHADOW;
        // at a shadow step callers are answered by legacy: the sample is what shadow traffic compared
        long sample = shadowStep ? (figures.compared() == null ? 0 : figures.compared()) : figures.serviceRequests();
        boolean serviceJudgeable = figures.serviceRequests() >= min;
        List<String> broken = new ArrayList<>();
        List<String> held = new ArrayList<>();
        List<String> unjudged = new ArrayList<>();

        if (limits.maxErrorRateIncrease() != null) {
            if (serviceJudgeable) {
                // legacy without a request counts as error-free: the stricter reading
                double legacyRate = figures.legacyErrorRate() == null ? 0 : figures.legacyErrorRate();
                double increase = figures.serviceErrorRate() - legacyRate;
                String text = "service error rate " + pct(figures.serviceErrorRate()) + " against legacy's "
                        + pct(legacyRate) + " (+" + num(Math.max(0, increase)) + " points, max "
                        + num(limits.maxErrorRateIncrease()) + ")";
                (increase > limits.maxErrorRateIncrease() ? broken : held).add(text);
            }
            else if (!shadowStep) {
                unjudged.add("error rate (needs " + min + " service requests)");
            }
        }
        if (limits.maxP99Ratio() != null) {
            double floor = limits.p99Floor().toNanos() / 1_000_000.0;
            Double ratio = figures.p99Ratio(floor);
            if (serviceJudgeable && ratio != null) {
                String text = "p99 " + num(figures.serviceP99Millis()) + " ms against legacy's "
                        + num(figures.legacyP99Millis()) + " ms (ratio " + num(ratio) + ", max "
                        + num(limits.maxP99Ratio()) + ")";
                (ratio > limits.maxP99Ratio() ? broken : held).add(text);
            }
            else if (serviceJudgeable) {
                unjudged.add("p99 ratio (legacy answered no request in this step)");
            }
            else if (!shadowStep) {
                unjudged.add("p99 ratio (needs " + min + " service requests)");
            }
        }
        if (limits.maxMismatchRate() != null) {
            if (!shadowEvidenceAvailable || figures.compared() == null) {
                unjudged.add("mismatch rate (this gateway has no shadow evidence)");
            }
            else if (figures.compared() >= min) {
                String text = "mismatch rate " + pct(figures.mismatchRate()) + " of " + figures.compared()
                        + " compared (max " + num(limits.maxMismatchRate()) + " %)";
                (figures.mismatchRate() > limits.maxMismatchRate() ? broken : held).add(text);
            }
            else if (shadowStep) {
                unjudged.add("mismatch rate (needs " + min + " compared exchanges)");
            }
            // at a canary or live step the service answers callers itself: nothing is compared, nothing to judge
        }

        if (!broken.isEmpty()) {
            return new Verdict(Outcome.ROLL_BACK, "rolled back from " + step.label() + ": " + String.join("; ", broken));
        }
        List<String> waiting = new ArrayList<>();
        Duration elapsed = Duration.ofMillis(figures.elapsedMillis());
        if (elapsed.compareTo(policy.minDuration()) < 0) {
            waiting.add(seconds(elapsed) + " of min-duration " + seconds(policy.minDuration()));
        }
        if (sample < min) {
            waiting.add(sample + " of min-requests " + min + (shadowStep ? " compared exchanges" : " service requests"));
        }
        if (!unjudged.isEmpty()) {
            waiting.add("cannot judge " + String.join(", ", unjudged));
        }
        if (!waiting.isEmpty()) {
            return new Verdict(Outcome.WAIT, "waiting on " + step.label() + ": " + String.join("; ", waiting)
                    + (held.isEmpty() ? "" : "; holding: " + String.join("; ", held)));
        }
        return new Verdict(Outcome.PROMOTE, "promoted from " + step.label() + " after " + seconds(elapsed) + " and "
                + sample + (shadowStep ? " compared exchanges" : " service requests")
                + (held.isEmpty() ? "" : ": " + String.join("; ", held)));
    }

    private static String pct(Double value) {
        return value == null ? "n/a" : num(value) + " %";
    }

    private static String num(double value) {
        return String.format(Locale.ROOT, "%.2f", value).replaceAll("\\.?0+$", "");
    }

    private static String seconds(Duration duration) {
        return num(duration.toMillis() / 1000.0) + " s";
    }
}
