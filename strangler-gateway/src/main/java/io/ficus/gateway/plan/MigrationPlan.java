package io.ficus.gateway.plan;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpMethod;

/**
 * A validated migration plan: the legacy backend, the services routes move to, and the routes.
 *
 * @param legacy   the backend that answers everything no route claims
 * @param services the services routes move to, by name
 * @param routes   the routes, in plan order
 */
public record MigrationPlan(Backend legacy, Map<String, Backend> services, List<PlannedRoute> routes) {

    public static final String LEGACY_NAME = "legacy";

    /** One HTTP backend with its timeouts. */
    public record Backend(String name, URI url, Duration connectTimeout, Duration responseTimeout) {
    }

    /**
     * One route: the requests it claims and where it stands initially.
     *
     * @param percent the canary share in percent (0 for legacy, 100 for live)
     */
    public record PlannedRoute(String id, List<String> paths, Set<HttpMethod> methods, String service,
            Stage stage, int percent) {
    }

    public PlannedRoute route(String id) {
        return routes.stream().filter(route -> route.id().equals(id)).findFirst().orElse(null);
    }
}
