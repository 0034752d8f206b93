package io.ficus.gateway.routing;

import java.time.Instant;

import io.ficus.gateway.plan.Stage;

/**
 * Where one route stands now, as stored.
 *
 * @param version bumped on every change of this route; a change names the version it expects
 */
public record RouteState(String routeId, Stage stage, int percent, long version, Instant updatedAt, String updatedBy) {
}
