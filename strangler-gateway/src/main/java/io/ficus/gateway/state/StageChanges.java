package io.ficus.gateway.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.ficus.gateway.plan.MigrationPlan;
import io.ficus.gateway.plan.MigrationPlan.PlannedRoute;
import io.ficus.gateway.plan.Stage;
import io.ficus.gateway.plan.StageRules;
import io.ficus.gateway.plan.StageRules.Placement;
import io.ficus.gateway.plan.StageRules.StageRefused;
import io.ficus.gateway.routing.RouteState;

import org.springframework.http.HttpStatus;
import org.springframework.lang.Nullable;

/**
 * Validates and applies stage changes: persisted with their audit entry first, then swapped into this replica's
 * routing snapshot at once (other replicas pick it up on their next poll). A route of a group moves with every
 * route of its group, in one transaction. Blocking: call off the event loop.
 */
public class StageChanges {

    static final int MAX_REASON = 500;

    private final RouteStateRepository repository;
    private final RouteStateSynchronizer synchronizer;
    private final MigrationPlan plan;

    StageChanges(RouteStateRepository repository, RouteStateSynchronizer synchronizer, MigrationPlan plan) {
        this.repository = repository;
        this.synchronizer = synchronizer;
        this.plan = plan;
    }

    /** Changes the stage of a route (and of the rest of its group), with no caller groups; answers the new state. */
    public RouteState change(String routeId, @Nullable String stageText, @Nullable Integer percent,
            @Nullable String reason, @Nullable Long expectedVersion, String who) {
        return change(routeId, stageText, percent, null, reason, expectedVersion, who, null);
    }

    /**
     * Changes the stage of a route (and of the rest of its group) to exactly this placement: caller groups not named
     * are dropped, as a change names the whole placement. {@code figures} (automatic progression) are kept on the
     * audit entry.
     */
    public RouteState change(String routeId, @Nullable String stageText, @Nullable Integer percent,
            @Nullable List<String> callerGroups, @Nullable String reason, @Nullable Long expectedVersion, String who,
            @Nullable Map<String, Object> figures) {
        RouteState current = current(routeId);
        requireReason(reason);
        List<PlannedRoute> moving = plan.movingWith(plan.route(routeId));
        Placement placement = null;
        for (PlannedRoute route : moving) {
            placement = placement(route, stageText, percent, callerGroups);
        }
        if (expectedVersion != null && expectedVersion != current.version()) {
            throw new ChangeRejectedException(HttpStatus.CONFLICT, "route '" + routeId + "' is at version "
                    + current.version() + ", not " + expectedVersion + ": reload it and decide again");
        }
        List<RouteState> expected = new ArrayList<>();
        for (PlannedRoute route : moving) {
            expected.add(route.id().equals(routeId) ? current : current(route.id()));
        }
        Placement target = placement;
        if (expected.stream().allMatch(state -> state.stage() == target.stage() && state.percent() == target.percent()
                && state.callerGroups().equals(target.callerGroups()))) {
            throw new ChangeRejectedException(HttpStatus.CONFLICT, "route '" + routeId + "' is already "
                    + target.describe());
        }
        List<RouteState> changed = repository.change(expected, target, reason.trim(), who, figures)
                .orElseThrow(() -> new ChangeRejectedException(HttpStatus.CONFLICT,
                        "route '" + routeId + "' was changed concurrently; reload it and decide again"));
        synchronizer.refresh();
        return changed.stream().filter(state -> state.routeId().equals(routeId)).findFirst().orElseThrow();
    }

    public RouteState rollback(String routeId, @Nullable String reason, String who) {
        return change(routeId, Stage.LEGACY.id(), null, reason, null, who);
    }

    public RouteState current(String routeId) {
        if (plan.route(routeId) == null) {
            throw new ChangeRejectedException(HttpStatus.NOT_FOUND, "no route '" + routeId + "' in the migration plan");
        }
        return repository.find(routeId).orElseThrow(() -> new ChangeRejectedException(HttpStatus.NOT_FOUND,
                "no stored state for route '" + routeId + "'"));
    }

    public List<AuditEntry> audit(@Nullable String routeId, int limit) {
        if (routeId != null && plan.route(routeId) == null) {
            throw new ChangeRejectedException(HttpStatus.NOT_FOUND, "no route '" + routeId + "' in the migration plan");
        }
        return repository.audit(routeId, Math.max(1, Math.min(limit, 1000)));
    }

    /** The same rules the plan loader applies at startup (StageRules), mapped to HTTP statuses. */
    private static Placement placement(PlannedRoute route, String stageText, Integer percent,
            List<String> callerGroups) {
        try {
            return StageRules.check(route.methods(), stageText, percent, callerGroups);
        }
        catch (StageRefused refused) {
            String detail = "route '" + route.id() + "'"
                    + (route.group() == null ? "" : " (group '" + route.group() + "')") + ": " + refused.getMessage();
            if (refused.violation() == StageRules.Violation.NOT_ALLOWED_FOR_WRITE_ROUTE) {
                throw new ChangeRejectedException(HttpStatus.CONFLICT, ChangeRejectedException.WRITE_ROUTE_STAGE,
                        "Stage not allowed for a write route", detail);
            }
            throw new ChangeRejectedException(HttpStatus.BAD_REQUEST, refused.getMessage());
        }
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new ChangeRejectedException(HttpStatus.BAD_REQUEST, "reason is missing: say why, it goes into the audit trail");
        }
        if (reason.length() > MAX_REASON) {
            throw new ChangeRejectedException(HttpStatus.BAD_REQUEST, "reason is longer than " + MAX_REASON + " characters");
        }
    }
}
