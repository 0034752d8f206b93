package io.ficus.gateway.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.http.HttpMethod;
import org.springframework.lang.Nullable;

/**
 * The one copy of which stage and percent a route may be at: the plan loader and the admin API both ask here.
 * A route that claims an unsafe method moves in one step, legacy to live
 * (docs/adr/0005-write-routes-move-in-one-step.md).
 */
public final class StageRules {

    /** How many caller groups one stage may name. */
    public static final int MAX_CALLER_GROUPS = 20;

    /** A group as identity providers spell them: a role, a Keycloak group path ({@code /staff}), no spaces or commas. */
    private static final Pattern GROUP_NAME = Pattern.compile("[A-Za-z0-9._:@/-]{1,64}");

    /** Methods that change data: a route claiming any of them is a write route. */
    public static final Set<HttpMethod> UNSAFE_METHODS = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);

    private StageRules() {
    }

    /** Why a stage was refused; the admin API picks its HTTP status from it. */
    public enum Violation {
        /** Malformed input: unknown stage, percent missing, out of range or on a stage without one. */
        INVALID,
        /** Well formed, but a write route may not be at this stage. */
        NOT_ALLOWED_FOR_WRITE_ROUTE
    }

    /** A refused stage; the message does not name the route (callers prefix it). */
    public static final class StageRefused extends RuntimeException {

        private final Violation violation;

        StageRefused(Violation violation, String message) {
            super(message, null, false, false);
            this.violation = violation;
        }

        public Violation violation() {
            return violation;
        }
    }

    /**
     * A stage a route may be at, with the percent of callers the service gets.
     *
     * @param callerGroups callers in any of these groups go to the service whatever the percent (a canary below
     *                     100 % only; empty otherwise)
     */
    public record Placement(Stage stage, int percent, List<String> callerGroups) {

        public Placement(Stage stage, int percent) {
            this(stage, percent, List.of());
        }

        /** As the admin API and the audit trail say it: {@code canary 20 % + staff}. */
        public String describe() {
            return StageRules.describe(stage, percent, callerGroups);
        }
    }

    /** {@code legacy}, {@code canary 20 %}, {@code canary 0 % + staff, beta}. */
    public static String describe(Stage stage, int percent, List<String> callerGroups) {
        if (stage != Stage.CANARY) {
            return stage.id();
        }
        return "canary " + percent + " %" + (callerGroups.isEmpty() ? "" : " + " + String.join(", ", callerGroups));
    }

    /**
     * Checks {@code stageText} and {@code percent} for a route claiming {@code methods}.
     *
     * @throws StageRefused when the route may not be there
     */
    public static Placement check(Set<HttpMethod> methods, @Nullable String stageText, @Nullable Integer percent) {
        return check(methods, stageText, percent, null);
    }

    /**
     * As {@link #check(Set, String, Integer)}, with the groups a canary sends to the service first (null: none).
     *
     * @throws StageRefused when the route may not be there, or a group name is not one
     */
    public static Placement check(Set<HttpMethod> methods, @Nullable String stageText, @Nullable Integer percent,
            @Nullable List<String> callerGroups) {
        if (stageText == null || stageText.isBlank()) {
            throw new StageRefused(Violation.INVALID, "stage is missing (legacy, shadow, canary or live)");
        }
        Stage stage = Stage.parse(stageText).orElseThrow(() -> new StageRefused(Violation.INVALID,
                "unknown stage '" + stageText + "' (legacy, shadow, canary or live)"));
        if ((stage == Stage.CANARY || stage == Stage.SHADOW) && isWriteRoute(methods)) {
            throw new StageRefused(Violation.NOT_ALLOWED_FOR_WRITE_ROUTE, "stage '" + stage.id()
                    + "' is not allowed for a write route (methods include " + unsafe(methods) + "): "
                    + (stage == Stage.CANARY ? "a canary would give the same data two owners at once"
                            : "a shadow would execute every write twice")
                    + "; a write route moves in one step, legacy to live (docs/adr/0005-write-routes-move-in-one-step.md)");
        }
        if (percent != null && (percent < 0 || percent > 100)) {
            throw new StageRefused(Violation.INVALID, "percent " + percent + " is outside 0..100");
        }
        if (stage == Stage.CANARY) {
            if (percent == null) {
                throw new StageRefused(Violation.INVALID, "a canary needs a percent (0..100)");
            }
            List<String> groups = callerGroups(callerGroups);
            if (!groups.isEmpty() && percent == 100) {
                throw new StageRefused(Violation.INVALID, "callerGroups " + groups + " add nothing to canary 100 %, "
                        + "where every caller is on the service already");
            }
            return new Placement(stage, percent, groups);
        }
        if (callerGroups != null && !callerGroups.isEmpty()) {
            throw new StageRefused(Violation.INVALID, "callerGroups only apply to the canary stage (" + stage.id()
                    + " sends every caller to " + (stage == Stage.LIVE ? "the service" : "legacy") + ")");
        }
        int implied = stage.impliedPercent(0);
        if (percent != null && percent != implied) {
            throw new StageRefused(Violation.INVALID, "percent " + percent + " only applies to the canary stage ("
                    + stage.id() + " is " + implied + " %)");
        }
        return new Placement(stage, implied);
    }

    /** The groups in the order given; refuses blanks, malformed names, repeats and too many. */
    private static List<String> callerGroups(@Nullable List<String> names) {
        if (names == null || names.isEmpty()) {
            return List.of();
        }
        if (names.size() > MAX_CALLER_GROUPS) {
            throw new StageRefused(Violation.INVALID, "at most " + MAX_CALLER_GROUPS + " callerGroups, not "
                    + names.size());
        }
        List<String> groups = new ArrayList<>();
        for (String name : names) {
            if (name == null || !GROUP_NAME.matcher(name).matches()) {
                throw new StageRefused(Violation.INVALID, "caller group " + (name == null ? "null" : "'" + name + "'")
                        + " is not a group name (1 to 64 of letters, digits and . _ : @ / -)");
            }
            if (groups.contains(name)) {
                throw new StageRefused(Violation.INVALID, "caller group '" + name + "' is named twice");
            }
            groups.add(name);
        }
        return List.copyOf(groups);
    }

    public static boolean isWriteRoute(Set<HttpMethod> methods) {
        for (HttpMethod method : methods) {
            if (UNSAFE_METHODS.contains(method)) {
                return true;
            }
        }
        return false;
    }

    private static String unsafe(Set<HttpMethod> methods) {
        return methods.stream().filter(UNSAFE_METHODS::contains).map(HttpMethod::name).sorted()
                .collect(Collectors.joining(", "));
    }
}
