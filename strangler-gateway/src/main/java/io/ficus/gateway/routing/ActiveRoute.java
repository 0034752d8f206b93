package io.ficus.gateway.routing;

import java.util.List;
import java.util.Set;

import io.ficus.gateway.plan.Stage;

import org.springframework.http.HttpMethod;
import org.springframework.lang.Nullable;

/**
 * A route as one routing snapshot sees it: immutable, so a request that resolved it keeps its stage and side
 * even when the stage changes meanwhile.
 *
 * @param service null only for the catch-all route of unclaimed requests
 * @param callerGroups at a canary: callers in any of these groups are sent to the service whatever the percent
 */
public record ActiveRoute(String id, List<String> paths, Set<HttpMethod> methods, @Nullable BackendTarget service,
        Stage stage, int percent, List<String> callerGroups, long version, RouteMeters legacyMeters, RouteMeters serviceMeters,
        @Nullable RouteState state) {

    public static final String UNCLAIMED = "unclaimed";

    RouteMeters meters(Side side) {
        return side == Side.SERVICE ? serviceMeters : legacyMeters;
    }
}
