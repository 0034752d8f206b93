package io.ficus.gateway.plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ficus.gateway.plan.AutomationPolicy.Step;
import io.ficus.gateway.plan.AutomationPolicy.Thresholds;
import io.ficus.gateway.plan.MigrationPlanDocument.AutomationDocument;
import io.ficus.gateway.plan.MigrationPlanDocument.ThresholdsDocument;
import io.ficus.gateway.plan.StageRules.Placement;
import io.ficus.gateway.plan.StageRules.StageRefused;

import org.springframework.http.HttpMethod;
import org.springframework.lang.Nullable;

/** Validates a route's {@code automation:} block; each step passes the same StageRules as a manual change. */
final class AutomationPolicies {

    static final Duration DEFAULT_P99_FLOOR = Duration.ofMillis(20);

    private static final Pattern STEP = Pattern.compile("\\s*([a-zA-Z]+)(?:\\s+(\\d{1,3})\\s*%?)?\\s*");

    private AutomationPolicies() {
    }

    /** The policy, or null when the block is absent or has problems (added to {@code problems}). */
    @Nullable
    static AutomationPolicy read(@Nullable AutomationDocument document, Set<HttpMethod> methods,
            @Nullable String group, Placement initial, String label, List<String> problems) {
        if (document == null) {
            return null;
        }
        String prefix = label + ": automation: ";
        int before = problems.size();
        if (group != null) {
            problems.add(prefix + "not supported on a route of a group (group '" + group + "' moves as one, but would "
                    + "be judged on this route's traffic alone); move groups with the admin API");
        }
        List<Step> steps = steps(document.steps(), methods, prefix, problems);
        if (document.minDuration() == null) {
            problems.add(prefix + "min-duration is missing (how long each step runs at least, e.g. 10m)");
        }
        else if (document.minDuration().isNegative() || document.minDuration().isZero()) {
            problems.add(prefix + "min-duration must be positive, was " + document.minDuration());
        }
        if (document.minRequests() == null) {
            problems.add(prefix + "min-requests is missing (how many requests the service must answer in a step "
                    + "before it is judged, e.g. 200)");
        }
        else if (document.minRequests() < 1) {
            problems.add(prefix + "min-requests must be at least 1, was " + document.minRequests());
        }
        Thresholds thresholds = thresholds(document.thresholds(), prefix, problems);
        if (problems.size() == before && !steps.isEmpty()) {
            AutomationPolicy policy = new AutomationPolicy(List.copyOf(steps), document.minDuration(),
                    document.minRequests(), thresholds);
            if (initial.stage() != Stage.LEGACY && policy.indexOf(initial.stage(), initial.percent()) < 0) {
                problems.add(prefix + "the route starts at " + new Step(initial.stage(), initial.percent()).label()
                        + ", which is neither legacy nor one of its steps " + policy.labels());
                return null;
            }
            return policy;
        }
        return null;
    }

    private static List<Step> steps(@Nullable List<String> texts, Set<HttpMethod> methods, String prefix,
            List<String> problems) {
        List<Step> steps = new ArrayList<>();
        if (texts == null || texts.isEmpty()) {
            problems.add(prefix + "steps are missing (e.g. [canary 5, canary 25, live])");
            return steps;
        }
        for (String text : texts) {
            Step step = step(text, methods, prefix, problems);
            if (step == null) {
                continue;
            }
            if (step.stage() == Stage.LEGACY) {
                problems.add(prefix + "step 'legacy' is not a step forward (a rollback is where legacy comes in)");
                continue;
            }
            Step previous = steps.isEmpty() ? null : steps.get(steps.size() - 1);
            if (previous != null && !further(step, previous)) {
                problems.add(prefix + "steps must move away from legacy, but '" + step.label() + "' follows '"
                        + previous.label() + "'");
                continue;
            }
            if (previous != null && previous.stage() == Stage.LIVE) {
                problems.add(prefix + "'live' must be the last step");
                continue;
            }
            steps.add(step);
        }
        return steps;
    }

    @Nullable
    private static Step step(@Nullable String text, Set<HttpMethod> methods, String prefix, List<String> problems) {
        Matcher matcher = STEP.matcher(text == null ? "" : text);
        if (!matcher.matches()) {
            problems.add(prefix + "step '" + text + "' is not '<stage>' or 'canary <percent>' (e.g. 'canary 25')");
            return null;
        }
        try {
            Placement placement = StageRules.check(methods, matcher.group(1),
                    matcher.group(2) == null ? null : Integer.valueOf(matcher.group(2)));
            return new Step(placement.stage(), placement.percent());
        }
        catch (StageRefused refused) {
            problems.add(prefix + "step '" + text.trim() + "': " + refused.getMessage());
            return null;
        }
    }

    /** Shadow before canary before live; a later canary step has a larger share. */
    private static boolean further(Step step, Step previous) {
        if (step.stage() != previous.stage()) {
            return step.stage().ordinal() > previous.stage().ordinal();
        }
        return step.stage() == Stage.CANARY && step.percent() > previous.percent();
    }

    private static Thresholds thresholds(@Nullable ThresholdsDocument document, String prefix, List<String> problems) {
        if (document == null) {
            return new Thresholds(null, null, null, DEFAULT_P99_FLOOR);
        }
        percent(document.maxErrorRateIncrease(), "thresholds.max-error-rate-increase", prefix, problems);
        percent(document.maxMismatchRate(), "thresholds.max-mismatch-rate", prefix, problems);
        if (document.maxP99Ratio() != null && !(document.maxP99Ratio() >= 1)) {
            problems.add(prefix + "thresholds.max-p99-ratio must be at least 1 (the service as fast as legacy), was "
                    + document.maxP99Ratio());
        }
        Duration floor = document.p99Floor() == null ? DEFAULT_P99_FLOOR : document.p99Floor();
        if (floor.isNegative()) {
            problems.add(prefix + "thresholds.p99-floor must not be negative, was " + floor);
        }
        return new Thresholds(document.maxErrorRateIncrease(), document.maxP99Ratio(), document.maxMismatchRate(),
                floor);
    }

    private static void percent(@Nullable Double value, String name, String prefix, List<String> problems) {
        if (value != null && !(value >= 0 && value <= 100)) {
            problems.add(prefix + name + " is in percent and must be within 0..100, was " + value);
        }
    }
}
