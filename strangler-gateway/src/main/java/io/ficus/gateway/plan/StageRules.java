package io.ficus.gateway.plan;

import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.http.HttpMethod;
import org.springframework.lang.Nullable;

/**
 * The one copy of which stage and percent a route may be at: the plan loader and the admin API both ask here.
 * A route that claims an unsafe method moves in one step, legacy to live
 * (docs/adr/0005-write-routes-move-in-one-step.md).
 */
public final class StageRules {

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

    /** A stage a route may be at, with the percent of callers the service gets. */
    public record Placement(Stage stage, int percent) {
    }

    /**
     * Checks {@code stageText} and {@code percent} for a route claiming {@code methods}.
     *
     * @throws StageRefused when the route may not be there
     */
    public static Placement check(Set<HttpMethod> methods, @Nullable String stageText, @Nullable Integer percent) {
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
            return new Placement(stage, percent);
        }
        int implied = stage.impliedPercent(0);
        if (percent != null && percent != implied) {
            throw new StageRefused(Violation.INVALID, "percent " + percent + " only applies to the canary stage ("
                    + stage.id() + " is " + implied + " %)");
        }
        return new Placement(stage, implied);
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
