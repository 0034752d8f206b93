package io.ficus.gateway.login;

import java.net.URI;

import io.ficus.gateway.GatewaySettings;
import io.ficus.gateway.edge.ManagementPort;
import io.ficus.gateway.edge.ProblemWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.authentication.OAuth2LoginAuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The three paths the gateway claims on its public port for browser login; every other path is proxied.
 * <ul>
 * <li>{@code GET <base>/login?return=/path}: starts the authorization code flow with PKCE (S256) and a nonce, and
 * sends the browser to the issuer;</li>
 * <li>{@code GET <base>/login/callback}: takes the issuer's answer in the browser that started the login, exchanges
 * the code (Spring's OIDC code manager checks the ID token: signature, issuer, audience, nonce), starts a session and
 * goes back to the {@code return} path;</li>
 * <li>{@code POST <base>/logout}: ends the session and sends the browser to the issuer's end-session endpoint
 * (OIDC RP-initiated logout) with the ID token as hint.</li>
 * </ul>
 */
final class LoginEndpointsFilter implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(LoginEndpointsFilter.class);

    private final String loginPath;
    private final String callbackPath;
    private final String logoutPath;
    private final String basePath;
    private final GatewaySettings.Login settings;
    private final IssuerLogin issuer;
    private final LoginFlow flow;
    private final BrowserSessions sessions;
    private final SessionCookies cookies;
    private final ManagementPort managementPort;
    private final ProblemWriter problems;

    LoginEndpointsFilter(GatewaySettings.Login settings, IssuerLogin issuer, LoginFlow flow, BrowserSessions sessions,
            SessionCookies cookies, ManagementPort managementPort, ProblemWriter problems) {
        this.settings = settings;
        this.basePath = settings.basePath();
        this.loginPath = issuer.loginPath();
        this.callbackPath = issuer.callbackPath();
        this.logoutPath = basePath + "/logout";
        this.issuer = issuer;
        this.flow = flow;
        this.sessions = sessions;
        this.cookies = cookies;
        this.managementPort = managementPort;
        this.problems = problems;
    }

    @Override
    public int getOrder() {
        // after the request hygiene, size limits, internal paths and rate limit filters
        return Ordered.HIGHEST_PRECEDENCE + 11;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String path = request.getPath().pathWithinApplication().value();
        if (!path.startsWith(basePath) || managementPort.isManagement(request)) {
            return chain.filter(exchange);
        }
        if (path.equals(loginPath)) {
            return onlyGet(exchange) ? startLogin(exchange) : notAllowed(exchange, "GET");
        }
        if (path.equals(callbackPath)) {
            return onlyGet(exchange) ? finishLogin(exchange) : notAllowed(exchange, "GET");
        }
        if (path.equals(logoutPath)) {
            return request.getMethod() == HttpMethod.POST ? logout(exchange) : notAllowed(exchange, "POST");
        }
        return chain.filter(exchange);
    }

    private Mono<Void> startLogin(ServerWebExchange exchange) {
        String returnTo = localPath(exchange.getRequest().getQueryParams().getFirst("return"));
        return flow.start(exchange, returnTo)
                .flatMap(authorization -> redirect(exchange, HttpStatus.FOUND, authorization))
                .onErrorResume(LoginRefused.class, refused -> refuse(exchange, refused));
    }

    private Mono<Void> finishLogin(ServerWebExchange exchange) {
        return flow.finish(exchange)
                .flatMap(loggedIn -> started(exchange, loggedIn))
                .onErrorResume(LoginRefused.class, refused -> refuse(exchange, refused));
    }

    private Mono<Void> started(ServerWebExchange exchange, LoggedIn loggedIn) {
        OAuth2LoginAuthenticationToken authenticated = loggedIn.authentication();
        OidcUser user = loggedIn.user();
        ClientRegistration client = authenticated.getClientRegistration();
        OAuth2AuthenticationToken principal = new OAuth2AuthenticationToken(user, authenticated.getAuthorities(),
                client.getRegistrationId());
        OAuth2AuthorizedClient tokens = new OAuth2AuthorizedClient(client, user.getName(),
                authenticated.getAccessToken(), authenticated.getRefreshToken());
        endCurrentSession(exchange);
        // always a new id: a session id planted before the login is never promoted (session fixation)
        BrowserSession session = sessions.start(principal, loggedIn.idToken(), tokens);
        cookies.setSession(exchange, session.id());
        log.info("Browser login of {}", session.subject());
        return redirect(exchange, HttpStatus.FOUND, URI.create(loggedIn.returnTo()));
    }

    private Mono<Void> logout(ServerWebExchange exchange) {
        if (!SameOrigin.allows(exchange.getRequest())) {
            return problems.write(exchange, HttpStatus.FORBIDDEN,
                    "A logout must come from the gateway's own origin (Sec-Fetch-Site or Origin)");
        }
        BrowserSession session = endCurrentSession(exchange);
        cookies.clearSession(exchange);
        String afterLogout = AuthorizationRequests.expand(settings.postLogoutRedirectUri(), exchange);
        if (session == null) {
            return redirect(exchange, HttpStatus.SEE_OTHER, URI.create(afterLogout));
        }
        return issuer.endSession(session.idToken(), afterLogout)
                .flatMap(target -> redirect(exchange, HttpStatus.SEE_OTHER, target));
    }

    private BrowserSession endCurrentSession(ServerWebExchange exchange) {
        BrowserSession current = sessions.find(cookies.sessionId(exchange.getRequest()));
        if (current != null) {
            sessions.end(current);
            log.info("Browser logout of {}", current.subject());
        }
        return current;
    }

    private Mono<Void> refuse(ServerWebExchange exchange, LoginRefused refused) {
        return refused.retryAfter() > 0
                ? problems.write(exchange, refused.status(), refused.getMessage(), refused.retryAfter())
                : problems.write(exchange, refused.status(), refused.getMessage());
    }

    private Mono<Void> notAllowed(ServerWebExchange exchange, String allowed) {
        return problems.write(exchange, org.springframework.http.ProblemDetail.forStatusAndDetail(
                HttpStatus.METHOD_NOT_ALLOWED, "Use " + allowed + " here"), headers -> headers.set(HttpHeaders.ALLOW,
                        allowed));
    }

    private static boolean onlyGet(ServerWebExchange exchange) {
        HttpMethod method = exchange.getRequest().getMethod();
        return method == HttpMethod.GET || method == HttpMethod.HEAD;
    }

    private static Mono<Void> redirect(ServerWebExchange exchange, HttpStatus status, URI location) {
        exchange.getResponse().setStatusCode(status);
        exchange.getResponse().getHeaders().setLocation(location);
        return exchange.getResponse().setComplete();
    }

    /**
     * Where to go after the login: a path on this gateway only (never {@code //host} or {@code /\host}, which browsers
     * read as another site), else {@code /}.
     */
    static String localPath(String requested) {
        if (requested == null || !requested.startsWith("/") || requested.startsWith("//")
                || requested.startsWith("/\\") || requested.length() > 2048) {
            return "/";
        }
        for (int i = 0; i < requested.length(); i++) {
            char c = requested.charAt(i);
            if (c < 0x21 || c > 0x7e || c == '\\') {
                return "/";
            }
        }
        return requested;
    }
}
