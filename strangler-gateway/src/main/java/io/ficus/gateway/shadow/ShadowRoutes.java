package io.ficus.gateway.shadow;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import io.ficus.gateway.plan.MigrationPlan;
import io.ficus.gateway.plan.MigrationPlan.PlannedRoute;
import io.ficus.gateway.plan.ShadowSettings;

import org.springframework.lang.Nullable;

/**
 * The shadow state of every route of the plan, and what it has shown: the evidence automatic progression judges
 * and the figures the admin API reports.
 */
public final class ShadowRoutes implements ShadowEvidence {

    private final Map<String, ShadowRoute> routes = new LinkedHashMap<>();

    ShadowRoutes(MigrationPlan plan, AnswerComparer comparer, Clock clock) {
        for (PlannedRoute route : plan.routes()) {
            routes.put(route.id(), new ShadowRoute(route.id(), route.shadow(), comparer, clock));
        }
    }

    @Nullable
    ShadowRoute route(String routeId) {
        return routes.get(routeId);
    }

    @Override
    public long compared(String routeId) {
        ShadowRoute route = routes.get(routeId);
        return route == null ? 0 : route.stats().compared.sum();
    }

    @Override
    public long mismatches(String routeId) {
        ShadowRoute route = routes.get(routeId);
        return route == null ? 0 : route.stats().mismatches.sum();
    }

    /** The compact figures of a route (zeros for a route that was never shadowed); null for an unknown route. */
    @Nullable
    public ShadowSummary summary(String routeId) {
        ShadowRoute route = routes.get(routeId);
        return route == null ? null : ShadowSummary.of(route.stats());
    }

    /** Everything about a route's shadow traffic; null for an unknown route. */
    @Nullable
    public ShadowReport report(String routeId, String stage) {
        ShadowRoute route = routes.get(routeId);
        if (route == null) {
            return null;
        }
        ShadowStats stats = route.stats();
        ShadowSummary summary = ShadowSummary.of(stats);
        ShadowSettings settings = route.settings();
        return new ShadowReport(routeId, stage, summary.compared(), summary.mismatches(), summary.mismatchRate(),
                stats.mirrored.sum(), summary.dropped(), summary.timedOut(), summary.failed(), summary.tooLarge(),
                stats.abandoned.sum(), stats.skipped.sum(), route.queue().running(), route.queue().waiting(),
                stats.mismatchesByPath(), settings.ignorePaths(), route.calibration().noise(),
                route.calibration().runs(), route.calibration().lastRunAt(),
                new ShadowReport.Settings(settings.compareHeaders(), settings.arrayKeys(), settings.redactHeaders(),
                        settings.timeout().toMillis(), settings.maxConcurrency(), settings.queue(), settings.maxRate(),
                        settings.calibrationInterval().toMillis(), settings.samples(), settings.sampleBodyLimit(),
                        settings.compareBodyLimit()),
                stats.samples());
    }
}
