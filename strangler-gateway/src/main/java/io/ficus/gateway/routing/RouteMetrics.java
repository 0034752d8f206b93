package io.ficus.gateway.routing;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** Creates and caches the per route and side meters ({@code ficus.gateway.requests}, {@code ficus.gateway.errors}). */
class RouteMetrics {

    static final String REQUESTS = "ficus.gateway.requests";
    static final String ERRORS = "ficus.gateway.errors";

    private final MeterRegistry registry;
    private final Map<String, Map<Side, RouteMeters>> meters = new ConcurrentHashMap<>();

    RouteMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    RouteMeters meters(String routeId, Side side) {
        return meters.computeIfAbsent(routeId, id -> {
            Map<Side, RouteMeters> bySide = new EnumMap<>(Side.class);
            for (Side each : Side.values()) {
                bySide.put(each, create(id, each));
            }
            return bySide;
        }).get(side);
    }

    private RouteMeters create(String routeId, Side side) {
        Timer timer = Timer.builder(REQUESTS)
                .description("Requests proxied per migration route and side, until the backend's response headers")
                .tags("route", routeId, "side", side.tag())
                .publishPercentiles(0.5, 0.95, 0.99)
                .register(registry);
        Counter errors = Counter.builder(ERRORS)
                .description("Requests per route and side that failed: 5xx, no answer, or rejected by the breaker")
                .tags("route", routeId, "side", side.tag())
                .register(registry);
        return new RouteMeters(timer, errors);
    }
}
