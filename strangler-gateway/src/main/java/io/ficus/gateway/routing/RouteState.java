package io.ficus.gateway.routing;

import java.time.Instant;
import java.util.List;

import io.ficus.gateway.plan.Stage;

/**
 * Where one route stands now, as stored.
 *
 * @param callerGroups a canary's caller groups (empty otherwise)
 * @param version bumped on every change of this route; a change names the version it expects
 */
public record RouteState(String routeId, Stage stage, int percent, List<String> callerGroups, long version,
        Instant updatedAt, String updatedBy) {
}
