package io.ficus.gateway.login;

import java.net.URI;
import java.util.Map;

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
import org.springframework.security.oauth2.client.authentication.OAuth2AuthorizationCodeAuthenticationToken;
import org.springframework.security.oauth2.client.authentication.OAuth2LoginAuthenticationToken;
import org.springframework.security.oauth2.client.oidc.authentication.OidcAuthorizationCodeReactiveAuthenticationManager;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationExchange;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationResponse;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.UriComponentsBuilder;

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
    private final IssuerRegistration registration;
    private final AuthorizationRequests requests;
    private final OidcAuthorizationCodeReactiveAuthenticationManager codes;
    private final PendingLogins pending;
    private final BrowserSessions sessions;
    private final SessionCookies cookies;
    private final ManagementPort managementPort;
    private final ProblemWriter problems;

    LoginEndpointsFilter(GatewaySettings.Login settings, IssuerRegistration registration,
            AuthorizationRequests requests, OidcAuthorizationCodeReactiveAuthenticationManager codes,
            PendingLogins pending, BrowserSessions sessions, SessionCookies cookies, ManagementPort managementPort,
            ProblemWriter problems) {
        this.settings = settings;
        this.basePath = settings.basePath();
        this.loginPath = basePath + "/login";
        this.callbackPath = basePath + "/login/callback";
        this.logoutPath = basePath + "/logout";
        this.registration = registration;
        this.requests = requests;
        this.codes = codes;
        this.pending = pending;
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
        return requests.resolve(exchange)
                .flatMap(authorization -> {
                    pending.add(authorization, returnTo);
                    cookies.setLogin(exchange, authorization.getState(), settings.loginTimeout());
                    return redirect(exchange, HttpStatus.FOUND, URI.create(authorization.getAuthorizationRequestUri()));
                })
                .onErrorResume(error -> issuerUnavailable(exchange, error));
    }

    private Mono<Void> finishLogin(ServerWebExchange exchange) {
        MultiValueMap<String, String> query = exchange.getRequest().getQueryParams();
        String state = query.getFirst("state");
        cookies.clearLogin(exchange);
        if (state == null || !state.equals(cookies.loginState(exchange.getRequest()))) {
            // an answer this browser did not ask for (login CSRF) or a stale one
            return problems.write(exchange, HttpStatus.BAD_REQUEST,
                    "This login was not started in this browser, or it has expired: start again at " + loginPath);
        }
        PendingLogins.Pending login = pending.take(state);
        if (login == null) {
            return problems.write(exchange, HttpStatus.BAD_REQUEST,
                    "This login is unknown or has expired: start again at " + loginPath);
        }
        if (query.getFirst("error") != null) {
            return problems.write(exchange, HttpStatus.UNAUTHORIZED, "The issuer refused the login: "
                    + query.getFirst("error") + describe(query.getFirst("error_description")));
        }
        OAuth2AuthorizationRequest authorization = login.request();
        OAuth2AuthorizationResponse response = OAuth2AuthorizationResponse.success(String.valueOf(query.getFirst("code")))
                .redirectUri(authorization.getRedirectUri()).state(state).build();
        return registration.registration()
                .flatMap(client -> codes.authenticate(new OAuth2AuthorizationCodeAuthenticationToken(client,
                        new OAuth2AuthorizationExchange(authorization, response))))
                .timeout(settings.providerTimeout())
                .map(authenticated -> started(exchange, (OAuth2LoginAuthenticationToken) authenticated,
                        login.returnTo()))
                // Spring's OIDC manager declines (empty) a login whose request lacked the openid scope
                .switchIfEmpty(Mono.fromSupplier(() -> problems.write(exchange, HttpStatus.UNAUTHORIZED,
                        "The login could not be completed: the issuer's answer is not an OpenID Connect login "
                                + "(ficus.gateway.security.login.scopes must include openid)")))
                .flatMap(answer -> answer)
                .onErrorResume(OAuth2AuthenticationException.class, error -> problems.write(exchange,
                        HttpStatus.UNAUTHORIZED, "The login could not be completed: " + error.getError().getErrorCode()
                                + describe(error.getError().getDescription())))
                .onErrorResume(error -> issuerUnavailable(exchange, error));
    }

    private Mono<Void> started(ServerWebExchange exchange, OAuth2LoginAuthenticationToken authenticated,
            String returnTo) {
        OidcUser user = (OidcUser) authenticated.getPrincipal();
        ClientRegistration client = authenticated.getClientRegistration();
        OAuth2AuthenticationToken principal = new OAuth2AuthenticationToken(user, authenticated.getAuthorities(),
                client.getRegistrationId());
        OAuth2AuthorizedClient tokens = new OAuth2AuthorizedClient(client, user.getName(),
                authenticated.getAccessToken(), authenticated.getRefreshToken());
        endCurrentSession(exchange);
        // always a new id: a session id planted before the login is never promoted (session fixation)
        BrowserSession session = sessions.start(principal, user.getIdToken().getTokenValue(), tokens);
        cookies.setSession(exchange, session.id());
        log.info("Browser login of {}", session.subject());
        return redirect(exchange, HttpStatus.FOUND, URI.create(returnTo));
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
        return registration.registration()
                .map(client -> endSessionUri(client, session, afterLogout))
                .onErrorResume(error -> Mono.just(URI.create(afterLogout)))
                .flatMap(target -> redirect(exchange, HttpStatus.SEE_OTHER, target));
    }

    /** The issuer's end-session endpoint with the ID token as hint, or straight back when it has none. */
    private static URI endSessionUri(ClientRegistration client, BrowserSession session, String afterLogout) {
        Map<String, Object> metadata = client.getProviderDetails().getConfigurationMetadata();
        Object endSession = metadata.get("end_session_endpoint");
        if (!(endSession instanceof String endpoint) || endpoint.isBlank()) {
            return URI.create(afterLogout);
        }
        return UriComponentsBuilder.fromUriString(endpoint)
                .queryParam("client_id", client.getClientId())
                .queryParam("id_token_hint", session.idToken())
                .queryParam("post_logout_redirect_uri", afterLogout)
                .encode().build().toUri();
    }

    private BrowserSession endCurrentSession(ServerWebExchange exchange) {
        BrowserSession current = sessions.find(cookies.sessionId(exchange.getRequest()));
        if (current != null) {
            sessions.end(current);
            log.info("Browser logout of {}", current.subject());
        }
        return current;
    }

    private Mono<Void> issuerUnavailable(ServerWebExchange exchange, Throwable error) {
        log.warn("Browser login failed: the issuer could not be reached or answered unexpectedly", error);
        return problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE,
                "The identity provider could not be reached; try again shortly", 5);
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

    private static String describe(String description) {
        return description == null ? "" : " (" + description + ")";
    }
}
