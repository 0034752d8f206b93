package io.ficus.gateway.routing;

import org.springframework.web.server.ServerWebExchange;

/**
 * Where the routing filter hands a request of a route at {@code shadow} before legacy answers it. The
 * implementation (package {@code shadow}) must return at once and never fail: the caller's request goes on to
 * legacy whatever happens to its copy.
 */
public interface ShadowTraffic {

    /** No shadow support wired (a context without the shadow package): nothing is mirrored. */
    ShadowTraffic NONE = (exchange, route) -> {
    };

    void mirror(ServerWebExchange exchange, ActiveRoute route);
}
