package io.ficus.gateway.routing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.ficus.gateway.plan.MigrationPlan;
import io.ficus.gateway.plan.MigrationPlan.PlannedRoute;
import io.ficus.gateway.plan.Stage;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * Holds the current routing snapshot and swaps in a new one, whole, when route states change: requests read
 * it once at entry, so a swap never changes a request already on its way.
 */
public class RoutingTable {

    private static final String ROUTE_ATTRIBUTE = RoutingTable.class.getName() + ".route";

    private final MigrationPlan plan;
    private final BackendTargets backends;
    private final RouteMetrics metrics;
    private final AtomicReference<RoutingSnapshot> current;

    RoutingTable(MigrationPlan plan, BackendTargets backends, RouteMetrics metrics) {
        this.plan = plan;
        this.backends = backends;
        this.metrics = metrics;
        this.current = new AtomicReference<>(build(0, Map.of()));
    }

    public RoutingSnapshot current() {
        return current.get();
    }

    /**
     * This request's route, matched once, from the snapshot current when a filter first asks: the shadow tap and
     * the routing filter act on the same route, and a stage change in between moves neither.
     */
    public ActiveRoute route(ServerWebExchange exchange) {
        ActiveRoute route = exchange.getAttribute(ROUTE_ATTRIBUTE);
        if (route == null) {
            ServerHttpRequest request = exchange.getRequest();
            route = current().match(request.getMethod(), request.getPath().pathWithinApplication());
            exchange.getAttributes().put(ROUTE_ATTRIBUTE, route);
        }
        return route;
    }

    public MigrationPlan plan() {
        return plan;
    }

    /**
     * Replaces the snapshot with one built from these states (routes without a state keep the plan's initial
     * stage). A snapshot older than the current one is ignored, so a slow poll cannot undo a newer change.
     */
    public synchronized boolean apply(long version, Collection<RouteState> states) {
        if (version < current.get().version()) {
            return false;
        }
        Map<String, RouteState> byId = states.stream()
                .collect(Collectors.toMap(RouteState::routeId, Function.identity(), (a, b) -> b));
        current.set(build(version, byId));
        return true;
    }

    private RoutingSnapshot build(long version, Map<String, RouteState> states) {
        List<ActiveRoute> routes = new ArrayList<>();
        for (PlannedRoute planned : plan.routes()) {
            RouteState state = states.get(planned.id());
            Stage stage = state != null ? state.stage() : planned.stage();
            int percent = state != null ? state.percent() : planned.percent();
            List<String> callerGroups = state != null ? state.callerGroups() : planned.callerGroups();
            routes.add(new ActiveRoute(planned.id(), planned.paths(), planned.methods(),
                    backends.service(planned.service()), stage, percent, callerGroups,
                    state != null ? state.version() : 0,
                    metrics.meters(planned.id(), Side.LEGACY), metrics.meters(planned.id(), Side.SERVICE), state));
        }
        ActiveRoute unclaimed = new ActiveRoute(ActiveRoute.UNCLAIMED, List.of("/**"), java.util.Set.of(), null,
                Stage.LEGACY, 0, List.of(), 0, metrics.meters(ActiveRoute.UNCLAIMED, Side.LEGACY),
                metrics.meters(ActiveRoute.UNCLAIMED, Side.SERVICE), null);
        return new RoutingSnapshot(version, routes, unclaimed);
    }
}
