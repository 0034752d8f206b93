package io.ficus.gateway.admin;

import java.time.Instant;
import java.util.List;

import io.ficus.gateway.automation.AutomationView;
import io.ficus.gateway.routing.RouteMeters.SideStats;
import io.ficus.gateway.shadow.ShadowSummary;

/** JSON shapes of the admin API. */
final class AdminViews {

    private AdminViews() {
    }

    /**
     * A route with where it stands (a canary's {@code callerGroups} go to the service whatever the percent), how each
     * side is doing and what its shadow traffic has shown; {@code automation} is null for a route without.
     */
    record RouteView(String id, List<String> methods, List<String> paths, String service, String stage, int percent,
            List<String> callerGroups, long version, Instant updatedAt, String updatedBy, String circuitBreaker, Stats stats,
            AutomationView automation, ShadowSummary shadow) {
    }

    record Stats(SideStats legacy, SideStats service) {
    }

    /**
     * Body of a stage change; {@code callerGroups} (canary only) go to the service whatever the percent, and a change
     * without them leaves none; {@code expectedVersion} makes it conditional (409 when someone changed it first).
     */
    record StageChange(String stage, Integer percent, List<String> callerGroups, String reason, Long expectedVersion) {
    }

    record Rollback(String reason) {
    }

    /** Optional body of an automation pause or resume. */
    record AutomationChange(String reason) {
    }
}
