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
    static final String FALLBACKS = "ficus.gateway.fallbacks";
    static final String REJECTIONS = "ficus.gateway.rejections";

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
                .description("Backend faults per route and side: connection refused or reset, timed out, 5xx")
                .tags("route", routeId, "side", side.tag())
                .register(registry);
        Counter fallbacks = Counter.builder(FALLBACKS)
                .description("Requests per route and side that legacy answered instead")
                .tags("route", routeId, "side", side.tag())
                .register(registry);
        Counter rejections = Counter.builder(REJECTIONS)
                .description("Requests per route and side that the open circuit breaker kept from the backend")
                .tags("route", routeId, "side", side.tag())
                .register(registry);
        return new RouteMeters(timer, errors, fallbacks, rejections, new BurstLog(), new LatencyHistogram());
    }
}
