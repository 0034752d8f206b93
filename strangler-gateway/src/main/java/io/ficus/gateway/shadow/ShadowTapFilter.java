package io.ficus.gateway.shadow;

import io.ficus.gateway.plan.Stage;
import io.ficus.gateway.routing.ActiveRoute;
import io.ficus.gateway.routing.RoutingSnapshot;
import io.ficus.gateway.routing.RoutingTable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * Admits the copies of GET and HEAD requests of a route at {@code shadow} and puts a tap on the caller's response
 * of each admitted one, so that legacy's answer can be compared without holding it back. It must sit before
 * Spring Cloud Gateway's response writer, which writes through the response it was given. While no route is at
 * shadow this costs one method check and one reference comparison; a request whose copy is dropped gets no tap.
 */
final class ShadowTapFilter implements GlobalFilter, Ordered {

    private final RoutingTable table;
    private final ShadowMirror mirror;
    private volatile Inspected inspected = new Inspected(null, false);

    /** Whether a snapshot has a route at shadow, worked out once per snapshot. */
    private record Inspected(RoutingSnapshot snapshot, boolean anyShadow) {
    }

    ShadowTapFilter(RoutingTable table, ShadowMirror mirror) {
        this.table = table;
        this.mirror = mirror;
    }

    @Override
    public int getOrder() {
        return NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        HttpMethod method = request.getMethod();
        if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
            return chain.filter(exchange);
        }
        RoutingSnapshot snapshot = table.current();
        if (!anyShadow(snapshot)) {
            return chain.filter(exchange);
        }
        ActiveRoute route = table.route(exchange);
        if (route.stage() != Stage.SHADOW) {
            return chain.filter(exchange);
        }
        PendingCopy pending = mirror.admit(exchange, route);
        if (pending == null) {
            return chain.filter(exchange);
        }
        exchange.getAttributes().put(PendingCopy.ATTRIBUTE, pending);
        ServerWebExchange tapped = exchange.mutate()
                .response(new ResponseTap(exchange.getResponse(), pending.capture())).build();
        return chain.filter(tapped).doFinally(signal -> pending.finish(signal == SignalType.ON_COMPLETE));
    }

    private boolean anyShadow(RoutingSnapshot snapshot) {
        Inspected last = inspected;
        if (last.snapshot() != snapshot) {
            // a new snapshot after a stage change
            last = new Inspected(snapshot, snapshot.routes().stream().anyMatch(route -> route.stage() == Stage.SHADOW));
            inspected = last;
        }
        return last.anyShadow();
    }
}
