package io.ficus.gateway.automation;

import java.time.Instant;

import io.ficus.gateway.automation.AutomationState.Status;
import io.ficus.gateway.plan.AutomationPolicy;
import io.ficus.gateway.plan.MigrationPlan;
import io.ficus.gateway.plan.MigrationPlan.PlannedRoute;
import io.ficus.gateway.plan.Stage;
import io.ficus.gateway.routing.RouteState;
import io.ficus.gateway.state.StageChanges;

import org.springframework.http.HttpStatus;
import org.springframework.lang.Nullable;

/**
 * What the admin API does with a route's automation: show it, pause it, resume it. Works on any replica (it writes
 * the stored state; the lock holder follows it at its next check). Blocking: call off the event loop.
 */
public class AutomationControl {

    private static final int MAX_REASON = 500;

    private final MigrationPlan plan;
    private final RouteAutomation automation;
    private final AutomationStateRepository repository;
    private final StageChanges changes;

    AutomationControl(MigrationPlan plan, RouteAutomation automation, AutomationStateRepository repository,
            StageChanges changes) {
        this.plan = plan;
        this.automation = automation;
        this.repository = repository;
        this.changes = changes;
    }

    /** The route's automation as last read, or null when the plan gives the route none. Does not block. */
    @Nullable
    public AutomationView view(String routeId) {
        PlannedRoute route = plan.route(routeId);
        AutomationState state = automation.state(routeId);
        if (route == null || state == null) {
            return null;
        }
        AutomationPolicy policy = route.automation();
        int index = state.stepIndex();
        AutomationPolicy.Thresholds limits = policy.thresholds();
        return new AutomationView(state.status().id(),
                index >= 0 && index < policy.steps().size() ? policy.steps().get(index).label() : null, index,
                policy.labels(), state.stepStartedAt(), policy.minDuration().toString(), policy.minRequests(),
                new AutomationView.Thresholds(limits.maxErrorRateIncrease(), limits.maxP99Ratio(),
                        limits.maxMismatchRate(), limits.p99Floor().toMillis()),
                state.pausedBy(), state.pausedReason(), state.lastDecision(), state.lastFigures(), state.checkedAt(),
                automation.leader());
    }

    /** Stops a running automation until it is resumed; the route stays where it is. */
    public void pause(String routeId, @Nullable String reason, String who) {
        AutomationState state = stored(routeId);
        if (state.status() != Status.RUNNING) {
            throw new AutomationRefused(HttpStatus.CONFLICT, "the automation of route '" + routeId + "' is "
                    + state.status().id() + ", not running");
        }
        String why = reason == null || reason.isBlank() ? "paused with the admin API" : checked(reason.trim());
        AutomationState paused = new AutomationState(routeId, Status.PAUSED, state.stepIndex(), state.stepStartedAt(),
                state.observedVersion(), who, why, null, state.lastFigures(), state.checkedAt(), state.revision());
        write(paused, state, "paused by " + who + ": " + why);
    }

    /**
     * Lets a paused or rolled-back automation go on from where the route stands: from legacy it starts again at the
     * first step; from one of its steps it judges that step on a new window.
     */
    public void resume(String routeId, @Nullable String reason, String who) {
        AutomationState state = stored(routeId);
        if (state.status() != Status.PAUSED && state.status() != Status.ROLLED_BACK) {
            throw new AutomationRefused(HttpStatus.CONFLICT, "the automation of route '" + routeId + "' is "
                    + state.status().id() + ": only a paused or rolled-back automation resumes");
        }
        AutomationPolicy policy = plan.route(routeId).automation();
        RouteState current = changes.current(routeId);
        int index = policy.indexOf(current.stage(), current.percent());
        if (index < 0 && current.stage() != Stage.LEGACY) {
            throw new AutomationRefused(HttpStatus.CONFLICT, "route '" + routeId + "' stands at "
                    + RouteAutomation.label(current) + ", which is neither legacy nor one of its steps "
                    + policy.labels() + ": move it to one of them first");
        }
        Status status = index == policy.steps().size() - 1 ? Status.FINISHED : Status.RUNNING;
        Instant now = automation.now();
        AutomationState resumed = new AutomationState(routeId, status, index, now, current.version(), null, null, null,
                null, null, state.revision());
        write(resumed, state, "resumed by " + who + " at " + RouteAutomation.label(current)
                + (reason == null || reason.isBlank() ? "" : ": " + checked(reason.trim())));
    }

    private void write(AutomationState next, AutomationState expected, String decision) {
        if (!repository.update(next, expected.revision(), decision, automation.now())) {
            throw new AutomationRefused(HttpStatus.CONFLICT, "the automation of route '" + next.routeId()
                    + "' changed meanwhile; reload it and decide again");
        }
        automation.refresh();
    }

    private AutomationState stored(String routeId) {
        PlannedRoute route = plan.route(routeId);
        if (route == null) {
            throw new AutomationRefused(HttpStatus.NOT_FOUND, "no route '" + routeId + "' in the migration plan");
        }
        if (route.automation() == null) {
            throw new AutomationRefused(HttpStatus.CONFLICT, "route '" + routeId
                    + "' has no automation in the migration plan");
        }
        return repository.find(routeId).orElseThrow(() -> new AutomationRefused(HttpStatus.NOT_FOUND,
                "no stored automation state for route '" + routeId + "'"));
    }

    private static String checked(String reason) {
        if (reason.length() > MAX_REASON) {
            throw new AutomationRefused(HttpStatus.BAD_REQUEST, "reason is longer than " + MAX_REASON + " characters");
        }
        return reason;
    }

    /** A pause or resume that was refused; carries the HTTP status for the admin API. */
    public static final class AutomationRefused extends RuntimeException {

        private final HttpStatus status;

        AutomationRefused(HttpStatus status, String detail) {
            super(detail, null, false, false);
            this.status = status;
        }

        public HttpStatus status() {
            return status;
        }
    }
}
