package io.ficus.gateway.protection;

import io.ficus.gateway.edge.CallerKeys;
import io.ficus.gateway.edge.ManagementPort;
import io.ficus.gateway.edge.ProblemWriter;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/** Answers 429 with Retry-After to a caller (same key as canaries use) over its limit, on the proxied port. */
class RateLimitFilter implements WebFilter, Ordered {

    private final RateLimitStore store;
    private final CallerKeys callerKeys;
    private final ManagementPort managementPort;
    private final ProblemWriter problems;

    RateLimitFilter(RateLimitStore store, CallerKeys callerKeys, ManagementPort managementPort, ProblemWriter problems) {
        this.problems = problems;
        this.store = store;
        this.callerKeys = callerKeys;
        this.managementPort = managementPort;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (managementPort.isManagement(exchange.getRequest())) {
            // probes, scrapers and operators are not the callers this protects against
            return chain.filter(exchange);
        }
        return store.hit(callerKeys.key(exchange.getRequest())).flatMap(decision -> decision.allowed()
                ? chain.filter(exchange)
                : problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "rate limit exceeded; retry in "
                        + decision.retryAfterSeconds() + " s", decision.retryAfterSeconds()));
    }
}
