package io.ficus.gateway.routing;

import java.util.LinkedHashMap;
import java.util.Map;

import io.ficus.gateway.plan.MigrationPlan;
import io.ficus.gateway.plan.MigrationPlan.Backend;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;

/** The legacy backend and every service of the plan, each with its timeouts and (services only) breaker. */
public class BackendTargets {

    private static final Logger log = LoggerFactory.getLogger(BackendTargets.class);

    private final BackendTarget legacy;
    private final Map<String, BackendTarget> services = new LinkedHashMap<>();

    BackendTargets(MigrationPlan plan, CircuitBreakerRegistry breakers) {
        this.legacy = target(plan.legacy(), null);
        plan.services().forEach((name, backend) -> services.put(name, target(backend, breakers.circuitBreaker(name))));
    }

    private static BackendTarget target(Backend backend, CircuitBreaker breaker) {
        Route route = Route.async()
                .id("ficus-backend-" + backend.name())
                .uri(backend.url())
                .predicate(exchange -> true)
                .metadata(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR, (int) backend.connectTimeout().toMillis())
                .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, backend.responseTimeout().toMillis())
                .build();
        if (breaker != null) {
            breaker.getEventPublisher().onStateTransition(event -> log.warn("Circuit breaker of {}: {} -> {}",
                    backend.name(), event.getStateTransition().getFromState(),
                    event.getStateTransition().getToState()));
        }
        return new BackendTarget(backend.name(), backend.url().toString(), route, breaker, backend.preserveHost());
    }

    public BackendTarget legacy() {
        return legacy;
    }

    public BackendTarget service(String name) {
        return services.get(name);
    }

    /** The legacy backend and every service. */
    public java.util.List<BackendTarget> all() {
        java.util.List<BackendTarget> all = new java.util.ArrayList<>(services.values());
        all.add(0, legacy);
        return all;
    }

    public Map<String, BackendTarget> services() {
        return services;
    }
}
