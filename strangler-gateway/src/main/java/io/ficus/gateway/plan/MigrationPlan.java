package io.ficus.gateway.plan;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpMethod;
import org.springframework.lang.Nullable;

/**
 * A validated migration plan: the legacy backend, the services routes move to, the routes, and the paths the
 * public port never forwards.
 *
 * @param legacy        the backend that answers everything no route claims
 * @param services      the services routes move to, by name
 * @param routes        the routes, in plan order
 * @param internalPaths path patterns answered 404 on the public port (default {@code /actuator/**})
 */
public record MigrationPlan(Backend legacy, Map<String, Backend> services, List<PlannedRoute> routes,
        List<String> internalPaths) {

    public static final String LEGACY_NAME = "legacy";

    public static final List<String> DEFAULT_INTERNAL_PATHS = List.of("/actuator", "/actuator/**");

    /**
     * One HTTP backend with its timeouts: a name with one or more instances, each a base URL (scheme, host, port).
     *
     * @param instances    its instances, at least one; with several the gateway balances over them (docs/adr/0018)
     * @param preserveHost send the public Host header instead of the backend's own address
     * @param healthPath   with several instances, the path each is checked on (2xx = ready); null: a TCP connect
     * @param dns          the one URL's host names the instances: every address it resolves to is one, re-resolved
     *                     while the gateway runs (a Kubernetes headless Service)
     */
    public record Backend(String name, List<URI> instances, Duration connectTimeout, Duration responseTimeout,
            boolean preserveHost, @Nullable String healthPath, boolean dns) {

        public Backend {
            instances = List.copyOf(instances);
            if (instances.isEmpty()) {
                throw new IllegalArgumentException("backend " + name + " has no instance");
            }
        }

        /** The first instance: the only one of most backends. */
        public URI url() {
            return instances.get(0);
        }
    }

    /**
     * One route: the requests it claims and where it stands initially.
     *
     * @param percent the canary share in percent (0 for legacy, 100 for live)
     * @param callerGroups a canary's caller groups, sent to the service whatever the percent (empty otherwise)
     * @param group      routes of one group always stand at the same stage and move together; null for none
     * @param automation how the route moves forward by itself; null when only an operator moves it
     * @param shadow     how shadow traffic is sent and compared while the route is at {@code shadow}
     */
    public record PlannedRoute(String id, List<String> paths, Set<HttpMethod> methods, String service,
            Stage stage, int percent, List<String> callerGroups, @Nullable String group, @Nullable AutomationPolicy automation,
            ShadowSettings shadow) {
    }

    public PlannedRoute route(String id) {
        return routes.stream().filter(route -> route.id().equals(id)).findFirst().orElse(null);
    }

    /** The route and every other route of its group, in plan order. */
    public List<PlannedRoute> movingWith(PlannedRoute route) {
        if (route.group() == null) {
            return List.of(route);
        }
        return routes.stream().filter(other -> route.group().equals(other.group())).toList();
    }
}
