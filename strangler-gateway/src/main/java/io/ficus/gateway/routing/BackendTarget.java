package io.ficus.gateway.routing;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.lang.Nullable;

/**
 * One backend as the hot path needs it: its instances, a gateway route carrying its timeouts (read by Spring Cloud
 * Gateway's Netty routing filter), its circuit breaker (none for the legacy backend; it stands for the backend as a
 * whole, not for one instance), and whether it gets the public Host header. With several instances, each request
 * goes to the next available one in turn (round robin); a backend with one listed instance always gets that one, at
 * no extra cost. A backend discovered by DNS ({@code discovery: dns}) has its instances replaced while the gateway
 * runs (docs/adr/0018).
 */
public final class BackendTarget {

    private final String name;
    /** Instances discovered by DNS replace each other while the gateway runs; listed ones are fixed. */
    private final boolean discovered;
    private volatile BackendInstance[] instances;
    /** The only instance of a backend with one listed URL: no balancing, no taking out. */
    @Nullable
    private final BackendInstance single;
    private final Route gatewayRoute;
    @Nullable
    private final CircuitBreaker breaker;
    private final boolean preserveHost;
    private final Duration firstEjection;
    private final Duration maxEjection;
    private final AtomicInteger next = new AtomicInteger();

    BackendTarget(String name, List<BackendInstance> instances, boolean discovered, Route gatewayRoute,
            @Nullable CircuitBreaker breaker, boolean preserveHost, Duration firstEjection, Duration maxEjection) {
        this.name = name;
        this.discovered = discovered;
        this.instances = instances.toArray(BackendInstance[]::new);
        this.single = !discovered && this.instances.length == 1 ? this.instances[0] : null;
        this.gatewayRoute = gatewayRoute;
        this.breaker = breaker;
        this.preserveHost = preserveHost;
        this.firstEjection = firstEjection;
        this.maxEjection = maxEjection;
    }

    public String name() {
        return name;
    }

    public List<BackendInstance> instances() {
        return List.of(instances);
    }

    /** Whether the backend has (or, discovered by DNS, may have) several instances to balance over. */
    public boolean balanced() {
        return single == null;
    }

    /** Whether the instances come from DNS and change while the gateway runs. */
    boolean discovered() {
        return discovered;
    }

    /** A discovered backend's new instances (at least one; those that stayed are the same objects). */
    void replaceInstances(List<BackendInstance> replacement) {
        if (!discovered || replacement.isEmpty()) {
            throw new IllegalStateException("only a discovered backend changes its instances, never to none");
        }
        instances = replacement.toArray(BackendInstance[]::new);
    }

    Route gatewayRoute() {
        return gatewayRoute;
    }

    @Nullable
    public CircuitBreaker breaker() {
        return breaker;
    }

    public boolean preserveHost() {
        return preserveHost;
    }

    /**
     * The instance for the next request: the next available one in turn, other than {@code avoid} (the instance a
     * retried request just failed on) while another is available. When none is available, the one that comes back
     * first (a request must go somewhere; the circuit breaker decides whether the backend as a whole is out).
     */
    public BackendInstance pick(@Nullable BackendInstance avoid) {
        if (single != null) {
            return single;
        }
        BackendInstance[] instances = this.instances;
        long now = System.nanoTime();
        int count = instances.length;
        // masked to stay positive when the counter wraps; an index below count cannot overflow when i is added
        int start = (next.getAndIncrement() & Integer.MAX_VALUE) % count;
        for (int i = 0; i < count; i++) {
            BackendInstance candidate = instances[(start + i) % count];
            if (candidate != avoid && candidate.available(now)) {
                return candidate;
            }
        }
        BackendInstance soonest = avoid;
        long soonestIn = Long.MAX_VALUE;
        for (int i = 0; i < count; i++) {
            BackendInstance candidate = instances[(start + i) % count];
            long outFor = candidate.outFor(now);
            if (candidate != avoid && (soonest == avoid || outFor < soonestIn)) {
                soonest = candidate;
                soonestIn = outFor;
            }
        }
        return soonest;
    }

    /**
     * Takes an instance out after a connection-level failure of a request to it; answers whether another instance
     * is available, so that the failure is the instance's, not the backend's (it does not count against the
     * breaker). A backend with one instance never takes it out: the breaker is the only judge there.
     */
    boolean eject(BackendInstance instance, BackendFault fault) {
        if (single != null) {
            return false;
        }
        long now = System.nanoTime();
        instance.eject(fault, firstEjection, maxEjection, now);
        for (BackendInstance other : this.instances) {
            if (other != instance && other.available(now)) {
                return true;
            }
        }
        return false;
    }

    /** The URL of a request at one instance: path and query pass through byte for byte (still encoded). */
    static URI urlFor(ServerHttpRequest request, BackendInstance instance) {
        URI uri = request.getURI();
        String rawQuery = uri.getRawQuery();
        String rawPath = uri.getRawPath();
        String baseUrl = instance.baseUrl();
        return URI.create(rawQuery == null ? baseUrl + rawPath : baseUrl + rawPath + '?' + rawQuery);
    }

    @Override
    public String toString() {
        return name;
    }
}
