package io.ficus.gateway.login;

import java.util.List;

import io.ficus.gateway.edge.ProblemWriter;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;

/**
 * On a proxied request of a logged-in browser: takes the gateway's cookies off the request, checks an unsafe request
 * comes from the gateway's own origin ({@link SameOrigin}), and lets SCG's {@code TokenRelay} add the session's access
 * token. A request without the session cookie costs one header lookup; one with its own {@code Authorization} header
 * (an API client) goes on with that header untouched. Runs before the strangler's routing filter, so a canary keys a
 * browser by the relayed token's subject, as it keys any bearer token.
 */
final class SessionRelayFilter implements GlobalFilter, Ordered {

    /** Before the strangler's routing filter ({@code ROUTE_TO_URL_FILTER_ORDER + 1}). */
    static final int ORDER = RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER - 1;

    private final SessionCookies cookies;
    private final BrowserSessions sessions;
    private final GatewayFilter tokenRelay;
    private final ProblemWriter problems;

    SessionRelayFilter(SessionCookies cookies, BrowserSessions sessions, GatewayFilter tokenRelay,
            ProblemWriter problems) {
        this.cookies = cookies;
        this.sessions = sessions;
        this.tokenRelay = tokenRelay;
        this.problems = problems;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        List<String> cookieHeaders = exchange.getRequest().getHeaders().get(HttpHeaders.COOKIE);
        String id = cookies.sessionId(cookieHeaders);
        if (id == null) {
            return chain.filter(exchange);
        }
        ServerWebExchange stripped = withoutGatewayCookies(exchange, cookieHeaders);
        if (exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)) {
            return chain.filter(stripped);
        }
        BrowserSession session = sessions.find(id);
        if (session == null) {
            // ended, expired or forged: the request goes on anonymous, and the browser forgets the cookie
            cookies.clearSession(exchange);
            return chain.filter(stripped);
        }
        if (!SameOrigin.allows(exchange.getRequest())) {
            return problems.write(exchange, HttpStatus.FORBIDDEN, "A request with the gateway's session cookie and an "
                    + "unsafe method must come from the gateway's own origin (Sec-Fetch-Site or Origin)");
        }
        return tokenRelay.filter(stripped.mutate().principal(Mono.just(session.principal())).build(), chain);
    }

    private ServerWebExchange withoutGatewayCookies(ServerWebExchange exchange, List<String> cookieHeaders) {
        List<String> kept = cookies.withoutGatewayCookies(cookieHeaders);
        return exchange.mutate().request(request -> request.headers(headers -> {
            if (kept == null) {
                headers.remove(HttpHeaders.COOKIE);
            }
            else {
                headers.put(HttpHeaders.COOKIE, kept);
            }
        })).build();
    }
}
