package io.ficus.gateway.routing;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.ficus.gateway.GatewaySettings;
import io.ficus.gateway.edge.CallerKeys;
import io.ficus.gateway.edge.ManagementPort;
import io.ficus.gateway.edge.PayloadTooLargeException;
import io.ficus.gateway.edge.ProblemWriter;
import io.ficus.gateway.identity.Identity;
import io.ficus.gateway.identity.TokenVerifier;
import io.ficus.gateway.plan.Stage;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseCookie;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.lang.Nullable;
import org.springframework.web.server.ServerWebExchange;

/**
 * The strangler's hot path: resolves the request's route and side once, from the current snapshot, points the
 * Netty routing filter at that backend, and handles what goes wrong (breaker, fallback to legacy, retry, problem).
 */
class StranglerRoutingFilter implements GlobalFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(StranglerRoutingFilter.class);

    /** Right after Spring Cloud Gateway computed the catch-all route's URL, which this filter replaces. */
    static final int ORDER = RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 1;

    private static final Duration CALLER_COOKIE_AGE = Duration.ofDays(365);

    private final RoutingTable table;
    private final BackendTarget legacy;
    private final CallerKeys callerKeys;
    private final SideOverride override;
    private final ManagementPort managementPort;
    private final ProblemWriter problems;
    private final int seed;
    private final int maxAttempts;
    private final ShadowTraffic shadow;
    private final TokenVerifier tokens;

    StranglerRoutingFilter(RoutingTable table, BackendTargets backends, CallerKeys callerKeys, SideOverride override,
            ManagementPort managementPort, ProblemWriter problems, GatewaySettings settings, ShadowTraffic shadow,
            TokenVerifier tokens) {
        this.shadow = shadow;
        this.tokens = tokens;
        this.managementPort = managementPort;
        this.table = table;
        this.legacy = backends.legacy();
        this.callerKeys = callerKeys;
        this.override = override;
        this.problems = problems;
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
        if (managementPort.isManagement(request)) {
            // Spring Cloud Gateway's own check misses a management port configured as 0; nothing is proxied here
            return problems.write(exchange, HttpStatus.NOT_FOUND, "No such management endpoint");
        }
        // Resolved once (or by the shadow tap before): a stage change after this does not move the request's side.
        ActiveRoute route = table.route(exchange);
        if (route.stage() == Stage.SHADOW) {
            // legacy answers (side() below); a copy goes to the service in the background
            shadow.mirror(exchange, route);
        }
        Side fixed = fixedSide(route, request);
        if (fixed != null) {
            return attempt(exchange, chain, route, fixed, 1);
        }
        // Only here, where the caller decides the side, does a bearer token cost anything: a verified token's
        // subject is the key (one user, one side, on every device) and its groups may send it to the service first;
        // a token that fails the check decides nothing (the backend refuses it itself), the request is keyed as if
        // it carried none.
        String token = tokens.configured() ? TokenVerifier.bearerToken(request) : null;
        if (token == null) {
            return attempt(exchange, chain, route, callerSide(route, exchange, null), 1);
        }
        return tokens.check(token, request).flatMap(check -> attempt(exchange, chain, route,
                callerSide(route, exchange, check.identity()), 1));
    }

    Side side(ActiveRoute route, ServerWebExchange exchange) {
        Side fixed = fixedSide(route, exchange.getRequest());
        return fixed != null ? fixed : callerSide(route, exchange, null);
    }

    /** The side when the caller does not decide it (not a canary, 0 or 100 %, a forced side), else null. */
    private Side fixedSide(ActiveRoute route, ServerHttpRequest request) {
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
        if (percent >= CanaryBuckets.BUCKETS) {
            return Side.SERVICE;
        }
        if (percent <= 0 && route.callerGroups().isEmpty()) {
            return Side.LEGACY;
        }
        return null;
    }

    /**
     * A canary's side for this caller: the service for a verified identity in one of the stage's caller groups;
     * otherwise the percent decides on the verified subject, else the caller's key, else a new caller cookie.
     */
    private Side callerSide(ActiveRoute route, ServerWebExchange exchange, @Nullable Identity identity) {
        if (identity != null && !route.callerGroups().isEmpty() && identity.inAnyGroup(route.callerGroups())) {
            return Side.SERVICE;
        }
        if (route.percent() <= 0) {
            // groups only (canary 0 % + staff): everyone else stays on legacy, and needs no caller cookie for it
            return Side.LEGACY;
        }
        String key = identity != null ? identity.subject() : callerKeys.explicitKey(exchange.getRequest());
        if (key == null) {
            key = issueCallerCookie(exchange);
        }
        return CanaryBuckets.inCanary(key, seed, route.percent()) ? Side.SERVICE : Side.LEGACY;
    }

    /**
     * A caller without a key (a browser) gets the gateway's caller cookie on its first canary request and is keyed
     * on it from then on: callers behind one address no longer share a side, and a changing address does not
     * move a caller. Without a cookie name configured, the client address is the key.
     */
    private String issueCallerCookie(ServerWebExchange exchange) {
        String name = callerKeys.gatewayCookie();
        if (name == null) {
            return callerKeys.key(exchange.getRequest());
        }
        String key = UUID.randomUUID().toString();
        exchange.getResponse().addCookie(ResponseCookie.from(name, key).path("/").httpOnly(true).sameSite("Lax")
                .secure("https".equals(exchange.getRequest().getURI().getScheme())).maxAge(CALLER_COOKIE_AGE).build());
        return key;
    }

    private Mono<Void> attempt(ServerWebExchange exchange, GatewayFilterChain chain, ActiveRoute route, Side side,
            int attempt) {
        return attempt(exchange, chain, route, side, attempt, null);
    }

    /** One attempt at the side's backend, on an instance other than {@code avoid} (the last one failed) if it can. */
    private Mono<Void> attempt(ServerWebExchange exchange, GatewayFilterChain chain, ActiveRoute route, Side side,
            int attempt, @Nullable BackendInstance avoid) {
        BackendTarget backend = side == Side.SERVICE ? route.service() : legacy;
        CircuitBreaker breaker = backend.breaker();
        if (breaker != null && !breaker.tryAcquirePermission()) {
            route.meters(side).recordRejected();
            if (canFallBack(route, side, exchange.getRequest())) {
                route.meters(side).recordFallback(route.id(), "circuit breaker of " + backend.name() + " is open");
                return attempt(exchange, chain, route, Side.LEGACY, attempt);
            }
            return problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE,
                    "Circuit breaker of " + backend.name() + " is open", 5);
        }
        BackendInstance instance = backend.pick(avoid);
        instance.sent();
        exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR,
                BackendTarget.urlFor(exchange.getRequest(), instance));
        exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR, backend.gatewayRoute());
        if (backend.preserveHost()) {
            exchange.getAttributes().put(ServerWebExchangeUtils.PRESERVE_HOST_HEADER_ATTRIBUTE, Boolean.TRUE);
        }
        else {
            // a fallback to legacy must not inherit the service's choice
            exchange.getAttributes().remove(ServerWebExchangeUtils.PRESERVE_HOST_HEADER_ATTRIBUTE);
        }
        long start = System.nanoTime();
        return chain.filter(exchange).materialize().flatMap(signal -> signal.isOnError()
                ? failed(exchange, chain, route, side, attempt, instance, signal.getThrowable(), start)
                : answered(exchange, chain, route, side, attempt, instance, start));
    }

    /** The backend answered (headers are in, the body is still to be written by the response filter). */
    private Mono<Void> answered(ServerWebExchange exchange, GatewayFilterChain chain, ActiveRoute route, Side side,
            int attempt, BackendInstance instance, long start) {
        long nanos = System.nanoTime() - start;
        instance.answered();
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        boolean failed = status != null && status.is5xxServerError();
        route.meters(side).record(nanos, failed);
        CircuitBreaker breaker = side == Side.SERVICE ? route.service().breaker() : null;
        if (breaker != null) {
            if (failed) {
                breaker.onError(nanos, TimeUnit.NANOSECONDS, new ServiceFailure(status.value()));
            }
            else {
                // 2xx-4xx: the service works; a 4xx is the caller's doing and must not count against it
                breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
            }
        }
        if (failed && canFallBack(route, side, exchange.getRequest()) && !exchange.getResponse().isCommitted()) {
            discardAnswer(exchange);
            route.meters(side).recordFallback(route.id(), route.service().name() + " answered " + status.value());
            return attempt(exchange, chain, route, Side.LEGACY, attempt);
        }
        return Mono.empty();
    }

    private Mono<Void> failed(ServerWebExchange exchange, GatewayFilterChain chain, ActiveRoute route, Side side,
            int attempt, BackendInstance instance, Throwable error, long start) {
        if (error instanceof PayloadTooLargeException) {
            // the gateway refused the request: nothing to hold against the backend
            return problems.write(exchange, HttpStatus.CONTENT_TOO_LARGE, error.getMessage());
        }
        BackendFault fault = BackendFault.of(error);
        if (log.isDebugEnabled()) {
            log.debug("Call to {} of route {} failed ({})", side, route.id(), fault, error);
        }
        BackendTarget backend = side == Side.SERVICE ? route.service() : legacy;
        long nanos = System.nanoTime() - start;
        CircuitBreaker breaker = backend.breaker();
        if (fault != null) {
            route.meters(side).record(nanos, true);
            // with several instances, a failed connection takes the instance out; while another is available the
            // failure is that instance's, and must not open the breaker, which stands for the backend as a whole
            boolean instanceFault = backend.eject(instance, fault);
            if (breaker != null) {
                if (instanceFault) {
                    breaker.releasePermission();
                }
                else {
                    breaker.onError(nanos, TimeUnit.NANOSECONDS, error);
                }
            }
        }
        else if (breaker != null) {
            // not the backend's fault; give the permission back without a verdict
            breaker.releasePermission();
        }
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        discardAnswer(exchange);
        if (fault == null) {
            return Mono.error(error);
        }
        ServerHttpRequest request = exchange.getRequest();
        if (canFallBack(route, side, request)) {
            route.meters(side).recordFallback(route.id(), fault.describe(backend.name()));
            return attempt(exchange, chain, route, Side.LEGACY, attempt);
        }
        if (attempt < maxAttempts && isRetryable(request) && fault != BackendFault.TIMED_OUT) {
            // on another instance when the backend has several (the failed one is out now anyway)
            return attempt(exchange, chain, route, side, attempt + 1, instance);
        }
        return problems.write(exchange, fault.status(), fault.describe(backend.name()));
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

    /** A 5xx answer, recorded as a failure by the service's circuit breaker. */
    static final class ServiceFailure extends RuntimeException {

        ServiceFailure(int status) {
            super("service answered " + status, null, false, false);
        }
    }
}
