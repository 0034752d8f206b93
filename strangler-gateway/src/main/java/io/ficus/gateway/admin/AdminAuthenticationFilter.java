package io.ficus.gateway.admin;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

import io.ficus.gateway.edge.ManagementPort;
import io.ficus.gateway.edge.ProblemWriter;
import io.ficus.gateway.identity.Identity;
import io.ficus.gateway.identity.TokenVerifier;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * A bearer token of the configured issuer (role {@code staff} or scope {@code gateway.admin}), HTTP basic
 * authentication or the dashboard's login session (password or staff login) for everything on the management port
 * except health, info, Prometheus, the login form with its style sheet and script and the staff login's two paths,
 * with failed password logins throttled per client. The
 * proxied port is left alone after one port comparison: no security framework (and its request firewall) sits in
 * front of proxied traffic.
 */
class AdminAuthenticationFilter implements WebFilter, Ordered {

    static final String REALM = "Basic realm=\"ficus-gateway-admin\", charset=\"UTF-8\"";
    /** The exchange attribute holding the {@link Identity} of a request admitted by its bearer token. */
    static final String IDENTITY = AdminAuthenticationFilter.class.getName() + ".identity";
    static final String BEARER_REALM = "Bearer realm=\"ficus-gateway-admin\"";

    private final ManagementPort managementPort;
    private final AdminCredentials credentials;
    private final LoginThrottle throttle;
    private final ProblemWriter problems;
    private final AdminSessionGate sessions;
    private final TokenVerifier tokens;
    private final StaffRule staff;
    private final Set<String> issuerLoginPaths;

    /** {@code issuerLoginPaths}: where the dashboard's staff login starts and comes back, open like the form. */
    AdminAuthenticationFilter(ManagementPort managementPort, AdminCredentials credentials, LoginThrottle throttle,
            ProblemWriter problems, AdminSessionGate sessions, TokenVerifier tokens, StaffRule staff,
            Set<String> issuerLoginPaths) {
        this.tokens = tokens;
        this.staff = staff;
        this.issuerLoginPaths = Set.copyOf(issuerLoginPaths);
        this.managementPort = managementPort;
        this.credentials = credentials;
        this.throttle = throttle;
        this.problems = problems;
        this.sessions = sessions;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (!managementPort.isManagement(request) || isPublic(request)) {
            return chain.filter(exchange);
        }
        if (!request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION) && sessions.decides(request)) {
            return sessions.filter(exchange, chain);
        }
        String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (TokenVerifier.isBearer(authorization)) {
            return bearer(exchange, chain, TokenVerifier.bearerToken(request));
        }
        String client = client(request);
        Duration wait = throttle.retryAfter(client);
        if (!wait.isZero()) {
            return tooManyAttempts(exchange, wait);
        }
        String[] given = basic(authorization);
        if (given == null) {
            return unauthorized(exchange, tokens.configured() ? "credentials are required (a bearer token or HTTP basic)"
                    : "credentials are required (HTTP basic)");
        }
        if (credentials.matches(given[0], given[1])) {
            return authenticated(exchange, chain, client, given[0]);
        }
        Duration locked = throttle.failed(client);
        return locked.isZero() ? unauthorized(exchange, "wrong user name or password") : tooManyAttempts(exchange, locked);
    }

    /**
     * A token costs no throttle: guessing one is hopeless, and a refused token is told apart from a missing one
     * (RFC 6750: {@code error="invalid_token"}).
     */
    private Mono<Void> bearer(ServerWebExchange exchange, WebFilterChain chain, String token) {
        return tokens.check(token, exchange.getRequest()).flatMap(check -> {
            if (!check.verified()) {
                return invalidToken(exchange, check.failure());
            }
            Identity identity = check.identity();
            if (!staff.admits(identity)) {
                return problems.write(exchange, ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                        "the admin API needs " + staff.requirement()),
                        headers -> headers.set(HttpHeaders.WWW_AUTHENTICATE, BEARER_REALM
                                + ", error=\"insufficient_scope\", scope=\"" + staff.scope() + "\""));
            }
            exchange.getAttributes().put(IDENTITY, identity);
            Principal principal = identity::subject;
            return chain.filter(exchange.mutate().principal(Mono.just(principal)).build());
        });
    }

    private Mono<Void> invalidToken(ServerWebExchange exchange, String detail) {
        return problems.write(exchange, ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, detail),
                headers -> headers.set(HttpHeaders.WWW_AUTHENTICATE, BEARER_REALM + ", error=\"invalid_token\""));
    }

    private Mono<Void> authenticated(ServerWebExchange exchange, WebFilterChain chain, String client, String user) {
        throttle.succeeded(client);
        Principal principal = () -> user;
        return chain.filter(exchange.mutate().principal(Mono.just(principal)).build());
    }

    /**
     * Probes and scrapers read these without credentials; they reveal nothing an operator must hide. The logins are open
     * too: the form throttles failures itself, the staff login checks who logged in before it starts a session.
     */
    private boolean isPublic(ServerHttpRequest request) {
        HttpMethod method = request.getMethod();
        String path = request.getPath().pathWithinApplication().value();
        if (path.equals(AdminPages.LOGIN)) {
            return method == HttpMethod.GET || method == HttpMethod.POST;
        }
        if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
            return false;
        }
        if (issuerLoginPaths.contains(path)) {
            return true;
        }
        return AdminPages.ASSETS.contains(path) || path.equals("/actuator/health") || path.startsWith("/actuator/health/")
                || path.equals("/actuator/info") || path.equals("/actuator/prometheus");
    }

    static String client(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }

    /** User and password of a well-formed basic authorization header, else null. */
    private static String[] basic(String header) {
        if (header == null || header.length() < 6 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }

    /** Both schemes are offered, bearer first once an issuer is configured (no error: none was tried). */
    private Mono<Void> unauthorized(ServerWebExchange exchange, String detail) {
        return problems.write(exchange, ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, detail),
                headers -> {
                    if (tokens.configured()) {
                        headers.add(HttpHeaders.WWW_AUTHENTICATE, BEARER_REALM);
                    }
                    headers.add(HttpHeaders.WWW_AUTHENTICATE, REALM);
                });
    }

    private Mono<Void> tooManyAttempts(ServerWebExchange exchange, Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS,
                "too many failed logins from this address; retry in " + seconds + " s", seconds);
    }
}
