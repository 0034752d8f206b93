package io.ficus.gateway.edge;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;

import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

/**
 * Turns Spring's HTTP server observation ({@code http.server.requests}) off for proxied requests and keeps it on the
 * management port. On the proxy path it cost about 7 % of the CPU (tags, a timer lookup and a long task per
 * request, see docs/gateway-performance.md) and measured what the gateway's own per route and side meters
 * ({@code ficus.gateway.requests}) already measure.
 */
public class ProxiedRequestObservations implements ObservationPredicate {

    private final ManagementPort managementPort;

    public ProxiedRequestObservations(ManagementPort managementPort) {
        this.managementPort = managementPort;
    }

    @Override
    public boolean test(String name, Observation.Context context) {
        return !(context instanceof ServerRequestObservationContext server)
                || managementPort.isManagement(server.getCarrier());
    }
}
