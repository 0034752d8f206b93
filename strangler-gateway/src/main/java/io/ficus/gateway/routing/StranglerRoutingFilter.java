package io.ficus.gateway.routing;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.ficus.gateway.GatewaySettings;
import io.ficus.gateway.plan.Stage;
import io.ficus.gateway.protection.PayloadTooLargeException;
import io.ficus.gateway.protection.ProblemResponses;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.PrematureCloseException;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * The strangler's hot path: resolves the request's route and side once, from the current snapshot, points the
 * Netty routing filter at that backend, and handles what goes wrong (breaker, fallback to legacy, retry, problem).
 */
class StranglerRoutingFilter implements GlobalFilter, Ordered {

    /** Right after Spring Cloud Gateway computed the catch-all route's URL, which this filter replaces. */
    static final int ORDER = RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 1;

    private final RoutingTable table;
    private final BackendTarget legacy;
    private final CallerKeys callerKeys;
    private final SideOverride override;
    private final ManagementPort managementPort;
    private final int seed;
    private final int maxAttempts;

    StranglerRoutingFilter(RoutingTable table, BackendTargets backends, CallerKeys callerKeys, SideOverride override,
            ManagementPort managementPort, GatewaySettings settings) {
        this.managementPort = managementPort;
        this.table = table;
        this.legacy = backends.legacy();
        this.callerKeys = callerKeys;
        this.override = override;
        this.seed = settings.canary().seed();
        this.maxAttempts = Math.max(1, settings.retry().maxAttempts());
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (request.getLocalAddress() != null && managementPort.isManagement(request.getLocalAddress().getPort())) {
            // Spring Cloud Gateway's own check misses a management port configured as 0; nothing is proxied here
            return ProblemResponses.write(exchange, HttpStatus.NOT_FOUND, "No such management endpoint");
        }
        // Resolved once: a stage change after this line does not move this request to the other side.
        ActiveRoute route = table.current().match(request.getMethod(), request.getPath().pathWithinApplication());
        return attempt(exchange, chain, route, side(route, request), 1);
    }

    Side side(ActiveRoute route, ServerHttpRequest request) {
        Stage stage = route.stage();
        if (stage == Stage.LIVE) {
            return Side.SERVICE;
        }
        if (stage != Stage.CANARY) {
            return Side.LEGACY;
        }
        Side forced = override.forced(request);
        if (forced != null) {
            return forced;
        }
        int percent = route.percent();
        if (percent <= 0) {
            return Side.LEGACY;
        }
        if (percent >= CanaryBuckets.BUCKETS) {
            return Side.SERVICE;
        }
        return CanaryBuckets.inCanary(callerKeys.key(request), seed, percent) ? Side.SERVICE : Side.LEGACY;
    }

    private Mono<Void> attempt(ServerWebExchange exchange, GatewayFilterChain chain, ActiveRoute route, Side side,
            int attempt) {
        BackendTarget backend = side == Side.SERVICE ? route.service() : legacy;
        RouteMeters meters = route.meters(side);
        CircuitBreaker breaker = backend.breaker();
        if (breaker != null && !breaker.tryAcquirePermission()) {
            meters.recordRejected();
            if (canFallBack(route, side, exchange.getRequest())) {
                return attempt(exchange, chain, route, Side.LEGACY, attempt);
            }
            return ProblemResponses.write(exchange, HttpStatus.SERVICE_UNAVAILABLE,
                    "Circuit breaker of " + backend.name() + " is open", "5");
        }
        exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR, backend.urlFor(exchange.getRequest()));
        exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR, backend.gatewayRoute());
        long start = System.nanoTime();
        return chain.filter(exchange).materialize().flatMap(signal -> signal.isOnError()
                ? failed(exchange, chain, route, side, attempt, signal.getThrowable(), start)
                : answered(exchange, chain, route, side, attempt, start));
    }

    /** The backend answered (headers are in, the body is still to be written by the response filter). */
    private Mono<Void> answered(ServerWebExchange exchange, GatewayFilterChain chain, ActiveRoute route, Side side,
            int attempt, long start) {
        long nanos = System.nanoTime() - start;
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        boolean failed = status != null && status.is5xxServerError();
        route.meters(side).record(nanos, failed);
        CircuitBreaker breaker = side == Side.SERVICE ? route.service().breaker() : null;
        if (breaker != null) {
            if (failed) {
                breaker.onError(nanos, TimeUnit.NANOSECONDS, new ServiceFailure(status.value()));
            }
            else {
                breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
            }
        }
        if (failed && canFallBack(route, side, exchange.getRequest()) && !exchange.getResponse().isCommitted()) {
            discardAnswer(exchange);
            return attempt(exchange, chain, route, Side.LEGACY, attempt);
        }
        return Mono.empty();
    }

    private Mono<Void> failed(ServerWebExchange exchange, GatewayFilterChain chain, ActiveRoute route, Side side,
            int attempt, Throwable error, long start) {
        long nanos = System.nanoTime() - start;
        if (error instanceof PayloadTooLargeException) {
            return ProblemResponses.write(exchange, HttpStatus.CONTENT_TOO_LARGE, error.getMessage());
        }
        route.meters(side).record(nanos, true);
        CircuitBreaker breaker = side == Side.SERVICE ? route.service().breaker() : null;
        if (breaker != null) {
            breaker.onError(nanos, TimeUnit.NANOSECONDS, error);
        }
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        discardAnswer(exchange);
        ServerHttpRequest request = exchange.getRequest();
        if (canFallBack(route, side, request)) {
            return attempt(exchange, chain, route, Side.LEGACY, attempt);
        }
        if (attempt < maxAttempts && isRetryable(request) && isConnectionFailure(error)) {
            return attempt(exchange, chain, route, side, attempt + 1);
        }
        BackendTarget backend = side == Side.SERVICE ? route.service() : legacy;
        HttpStatus status = isTimeout(error) ? HttpStatus.GATEWAY_TIMEOUT : HttpStatus.BAD_GATEWAY;
        return ProblemResponses.write(exchange, status, (status == HttpStatus.GATEWAY_TIMEOUT
                ? "No answer from " : "Cannot reach ") + backend.name() + " in time");
    }

    private static void discardAnswer(ServerWebExchange exchange) {
        // disposes the backend connection of a discarded answer and forgets the headers it had copied
        ServerWebExchangeUtils.reset(exchange);
        exchange.getResponse().setStatusCode(null);
    }

    /** In a canary, a failed service answer to a safe, bodiless request is retried on legacy. */
    private static boolean canFallBack(ActiveRoute route, Side side, ServerHttpRequest request) {
        if (side != Side.SERVICE || route.stage() != Stage.CANARY) {
            return false;
        }
        HttpMethod method = request.getMethod();
        return (method == HttpMethod.GET || method == HttpMethod.HEAD) && hasNoBody(request);
    }

    /** Idempotent and bodiless, so a second attempt sends the same request and cannot repeat a side effect. */
    private static boolean isRetryable(ServerHttpRequest request) {
        HttpMethod method = request.getMethod();
        return (method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS)
                && hasNoBody(request);
    }

    private static boolean hasNoBody(ServerHttpRequest request) {
        HttpHeaders headers = request.getHeaders();
        return headers.getContentLength() <= 0 && !headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
    }

    /**
     * Failures of the connection (refused, reset, closed before the answer) where a new connection may well work;
     * not timeouts, where a second attempt would double the wait.
     */
    private static boolean isConnectionFailure(Throwable error) {
        return (error instanceof IOException || error instanceof PrematureCloseException) && !isTimeout(error);
    }

    private static boolean isTimeout(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ResponseStatusException status && status.getStatusCode().value() == 504
                    || t instanceof TimeoutException || t instanceof ConnectTimeoutException
                    || t instanceof ReadTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** A 5xx answer, recorded as a failure by the service's circuit breaker. */
    static final class ServiceFailure extends RuntimeException {

        ServiceFailure(int status) {
            super("service answered " + status, null, false, false);
        }
    }
}
