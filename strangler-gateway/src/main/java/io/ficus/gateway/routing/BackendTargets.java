package io.ficus.gateway.routing;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ficus.gateway.GatewaySettings;
import io.ficus.gateway.plan.MigrationPlan;
import io.ficus.gateway.plan.MigrationPlan.Backend;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;

/** The legacy backend and every service of the plan, each with its instances, timeouts and (services only) breaker. */
public class BackendTargets {

    /** Requests sent to each instance of a backend with several (tags backend, instance = host:port). */
    public static final String INSTANCE_REQUESTS = "ficus.gateway.backend.instance.requests";
    /** Passive ejections of each instance of a backend with several. */
    public static final String INSTANCE_EJECTIONS = "ficus.gateway.backend.instance.ejections";
    /** 1 while an instance of a backend with several gets requests, 0 while it is out. */
    public static final String INSTANCE_AVAILABLE = "ficus.gateway.backend.instance.available";

    private static final Logger log = LoggerFactory.getLogger(BackendTargets.class);

    private final BackendTarget legacy;
    private final Map<String, BackendTarget> services = new LinkedHashMap<>();
    private final Map<String, Backend> planned = new LinkedHashMap<>();
    private final MeterRegistry meters;

    BackendTargets(MigrationPlan plan, CircuitBreakerRegistry breakers, GatewaySettings.LoadBalancing balancing,
            MeterRegistry meters) {
        this.meters = meters;
        this.legacy = target(plan.legacy(), null, balancing, meters);
        planned.put(plan.legacy().name(), plan.legacy());
        plan.services().forEach((name, backend) -> {
            services.put(name, target(backend, breakers.circuitBreaker(name), balancing, meters));
            planned.put(name, backend);
        });
    }

    private static BackendTarget target(Backend backend, CircuitBreaker breaker, GatewaySettings.LoadBalancing balancing,
            MeterRegistry meters) {
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
        boolean several = backend.instances().size() > 1 || backend.dns();
        List<BackendInstance> instances = new ArrayList<>();
        for (URI url : backend.instances()) {
            instances.add(several ? measured(backend.name(), url, meters) : new BackendInstance(backend.name(), url, null, null));
        }
        if (several) {
            log.info("Backend {} balances over {} instances: {}", backend.name(), instances.size(), backend.instances());
        }
        return new BackendTarget(backend.name(), instances, backend.dns(), route, breaker, backend.preserveHost(),
                balancing.firstEjection(), balancing.maxEjection());
    }

    private static BackendInstance measured(String backend, URI url, MeterRegistry meters) {
        String authority = url.getRawAuthority();
        Counter requests = Counter.builder(INSTANCE_REQUESTS).tag("backend", backend).tag("instance", authority)
                .description("Requests sent to one instance of a backend").register(meters);
        Counter ejections = Counter.builder(INSTANCE_EJECTIONS).tag("backend", backend).tag("instance", authority)
                .description("Times an instance was taken out after a failed request").register(meters);
        BackendInstance instance = new BackendInstance(backend, url, requests, ejections);
        instance.owns(requests);
        instance.owns(ejections);
        instance.owns(Gauge.builder(INSTANCE_AVAILABLE, instance, each -> each.available(System.nanoTime()) ? 1 : 0)
                .tag("backend", backend).tag("instance", authority)
                .description("1 while the instance gets requests, 0 while it is out").register(meters));
        return instance;
    }

    /** A new instance of a discovered backend, with its meters. */
    BackendInstance newInstance(BackendTarget target, URI url) {
        return measured(target.name(), url, meters);
    }

    /** An instance DNS no longer names: its meters go with it. */
    void retire(BackendInstance instance) {
        instance.meters().forEach(meters::remove);
    }

    public BackendTarget legacy() {
        return legacy;
    }

    public BackendTarget service(String name) {
        return services.get(name);
    }

    /** The legacy backend and every service. */
    public List<BackendTarget> all() {
        List<BackendTarget> all = new ArrayList<>(services.values());
        all.add(0, legacy);
        return all;
    }

    public Map<String, BackendTarget> services() {
        return services;
    }

    /** The plan's entry of a backend (its timeouts and health path). */
    Backend planned(BackendTarget target) {
        return planned.get(target.name());
    }
}
