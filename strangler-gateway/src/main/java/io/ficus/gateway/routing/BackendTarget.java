package io.ficus.gateway.routing;

import java.net.URI;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.lang.Nullable;

/**
 * One backend as the hot path needs it: its base URL, a gateway route carrying its timeouts (read by Spring
 * Cloud Gateway's Netty routing filter), its circuit breaker (none for the legacy backend), and whether it gets
 * the public Host header.
 */
public record BackendTarget(String name, String baseUrl, Route gatewayRoute, @Nullable CircuitBreaker breaker,
        boolean preserveHost) {

    /** The backend URL of a request: path and query pass through byte for byte (still encoded). */
    URI urlFor(ServerHttpRequest request) {
        URI uri = request.getURI();
        String rawQuery = uri.getRawQuery();
        String rawPath = uri.getRawPath();
        return URI.create(rawQuery == null ? baseUrl + rawPath : baseUrl + rawPath + '?' + rawQuery);
    }
}
