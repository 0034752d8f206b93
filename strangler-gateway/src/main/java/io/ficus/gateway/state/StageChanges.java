package io.ficus.gateway.state;

import java.util.List;

import io.ficus.gateway.plan.MigrationPlan;
import io.ficus.gateway.plan.Stage;
import io.ficus.gateway.routing.RouteState;

import org.springframework.http.HttpStatus;
import org.springframework.lang.Nullable;

/**
 * Validates and applies stage changes: persisted with their audit entry first, then swapped into this replica's
 * routing snapshot at once (other replicas pick it up on their next poll). Blocking: call off the event loop.
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

    public RouteState change(String routeId, @Nullable String stageText, @Nullable Integer percent,
            @Nullable String reason, @Nullable Long expectedVersion, String who) {
        RouteState current = current(routeId);
        requireReason(reason);
        if (stageText == null || stageText.isBlank()) {
            throw new ChangeRejectedException(HttpStatus.BAD_REQUEST, "stage is missing (legacy, canary or live)");
        }
        Stage stage = Stage.parse(stageText).orElseThrow(() -> new ChangeRejectedException(HttpStatus.BAD_REQUEST,
                "unknown stage '" + stageText + "' (legacy, canary or live)"));
        if (!stage.selectable()) {
            throw new ChangeRejectedException(HttpStatus.BAD_REQUEST,
                    "stage 'shadow' is not available yet (legacy, canary or live)");
        }
        int targetPercent = percent(stage, percent);
        if (expectedVersion != null && expectedVersion != current.version()) {
            throw new ChangeRejectedException(HttpStatus.CONFLICT, "route '" + routeId + "' is at version "
                    + current.version() + ", not " + expectedVersion + ": reload it and decide again");
        }
        if (current.stage() == stage && current.percent() == targetPercent) {
            throw new ChangeRejectedException(HttpStatus.CONFLICT, "route '" + routeId + "' is already "
                    + describe(stage, targetPercent));
        }
        RouteState changed = repository.change(current, stage, targetPercent, reason.trim(), who)
                .orElseThrow(() -> new ChangeRejectedException(HttpStatus.CONFLICT,
                        "route '" + routeId + "' was changed concurrently; reload it and decide again"));
        synchronizer.refresh();
        return changed;
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

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new ChangeRejectedException(HttpStatus.BAD_REQUEST, "reason is missing: say why, it goes into the audit trail");
        }
        if (reason.length() > MAX_REASON) {
            throw new ChangeRejectedException(HttpStatus.BAD_REQUEST, "reason is longer than " + MAX_REASON + " characters");
        }
    }

    private static int percent(Stage stage, Integer percent) {
        if (percent != null && (percent < 0 || percent > 100)) {
            throw new ChangeRejectedException(HttpStatus.BAD_REQUEST, "percent " + percent + " is outside 0..100");
        }
        if (stage == Stage.CANARY) {
            if (percent == null) {
                throw new ChangeRejectedException(HttpStatus.BAD_REQUEST, "a canary needs a percent (0..100)");
            }
            return percent;
        }
        int implied = stage.impliedPercent(0);
        if (percent != null && percent != implied) {
            throw new ChangeRejectedException(HttpStatus.BAD_REQUEST,
                    "percent only applies to the canary stage (" + stage.id() + " is " + implied + " %)");
        }
        return implied;
    }

    static String describe(Stage stage, int percent) {
        return stage == Stage.CANARY ? "canary " + percent + " %" : stage.id();
    }
}
