package io.ficus.gateway.login;

import java.net.URI;

import io.ficus.gateway.GatewaySettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthorizationCodeAuthenticationToken;
import org.springframework.security.oauth2.client.authentication.OAuth2LoginAuthenticationToken;
import org.springframework.security.oauth2.client.oidc.authentication.OidcAuthorizationCodeReactiveAuthenticationManager;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationExchange;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationResponse;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;

/**
 * One kind of browser login through the issuer (authorization code + PKCE S256, state and nonce), with its own
 * callback, its own cookie binding a login to the browser that started it, and its own pending logins, so a login
 * started for one port can never be completed on the other. {@link #start} sends the browser to the issuer;
 * {@link #finish} takes the answer and exchanges the code; what follows (a session, a check of who logged in) is the
 * caller's.
 */
public final class LoginFlow {

    private static final Logger log = LoggerFactory.getLogger(LoginFlow.class);

    private final GatewaySettings.Login settings;
    private final IssuerRegistration registration;
    private final AuthorizationRequests requests;
    private final OidcAuthorizationCodeReactiveAuthenticationManager codes;
    private final PendingLogins pending;
    private final String redirectUri;
    private final LoginStateCookie cookie;
    private final String loginPath;

    LoginFlow(GatewaySettings.Login settings, IssuerRegistration registration, AuthorizationRequests requests,
            OidcAuthorizationCodeReactiveAuthenticationManager codes, PendingLogins pending, String redirectUri,
            LoginStateCookie cookie, String loginPath) {
        this.settings = settings;
        this.registration = registration;
        this.requests = requests;
        this.codes = codes;
        this.pending = pending;
        this.redirectUri = redirectUri;
        this.cookie = cookie;
        this.loginPath = loginPath;
    }

    /**
     * Starts a login: the authorization request is kept here by its state (the PKCE verifier and the nonce never leave
     * the gateway), the state goes into the browser's login cookie; answers the issuer's URI to send the browser to.
     * Fails with {@link LoginRefused} (503) when the issuer cannot be reached.
     */
    public Mono<URI> start(ServerWebExchange exchange, String returnTo) {
        return requests.resolve(exchange, redirectUri)
                .map(authorization -> {
                    pending.add(authorization, returnTo);
                    cookie.set(exchange, authorization.getState(), settings.loginTimeout());
                    return URI.create(authorization.getAuthorizationRequestUri());
                })
                .onErrorMap(error -> !(error instanceof LoginRefused), LoginFlow::issuerUnavailable);
    }

    /**
     * Takes the issuer's answer, only in the browser that started this login and only once, and exchanges the code
     * (Spring's OIDC code manager checks the ID token: signature, issuer, audience, nonce, expiry). Fails with
     * {@link LoginRefused}: 400 for an answer this browser did not ask for or a state already used or expired, 401
     * when the issuer or the check refused the login, 503 when the issuer cannot be reached.
     */
    public Mono<LoggedIn> finish(ServerWebExchange exchange) {
        MultiValueMap<String, String> query = exchange.getRequest().getQueryParams();
        String state = query.getFirst("state");
        String expected = cookie.state(exchange.getRequest());
        cookie.clear(exchange);
        if (state == null || !state.equals(expected)) {
            // an answer this browser did not ask for (login CSRF) or a stale one
            return Mono.error(new LoginRefused(HttpStatus.BAD_REQUEST,
                    "This login was not started in this browser, or it has expired: start again at " + loginPath));
        }
        PendingLogins.Pending login = pending.take(state);
        if (login == null) {
            return Mono.error(new LoginRefused(HttpStatus.BAD_REQUEST,
                    "This login is unknown or has expired: start again at " + loginPath));
        }
        if (query.getFirst("error") != null) {
            return Mono.error(new LoginRefused(HttpStatus.UNAUTHORIZED, "The issuer refused the login: "
                    + query.getFirst("error") + describe(query.getFirst("error_description"))));
        }
        OAuth2AuthorizationRequest authorization = login.request();
        OAuth2AuthorizationResponse response = OAuth2AuthorizationResponse.success(String.valueOf(query.getFirst("code")))
                .redirectUri(authorization.getRedirectUri()).state(state).build();
        return registration.registration()
                .flatMap(client -> codes.authenticate(new OAuth2AuthorizationCodeAuthenticationToken(client,
                        new OAuth2AuthorizationExchange(authorization, response))))
                .timeout(settings.providerTimeout())
                .map(authenticated -> new LoggedIn((OAuth2LoginAuthenticationToken) authenticated, login.returnTo()))
                // Spring's OIDC manager declines (empty) a login whose request lacked the openid scope
                .switchIfEmpty(Mono.error(() -> new LoginRefused(HttpStatus.UNAUTHORIZED,
                        "The login could not be completed: the issuer's answer is not an OpenID Connect login "
                                + "(ficus.gateway.security.login.scopes must include openid)")))
                .onErrorMap(OAuth2AuthenticationException.class, error -> new LoginRefused(HttpStatus.UNAUTHORIZED,
                        "The login could not be completed: " + error.getError().getErrorCode()
                                + describe(error.getError().getDescription())))
                .onErrorMap(error -> !(error instanceof LoginRefused), LoginFlow::issuerUnavailable);
    }

    private static LoginRefused issuerUnavailable(Throwable error) {
        log.warn("Browser login failed: the issuer could not be reached or answered unexpectedly", error);
        return new LoginRefused(HttpStatus.SERVICE_UNAVAILABLE,
                "The identity provider could not be reached; try again shortly", 5, error);
    }

    private static String describe(String description) {
        return description == null ? "" : " (" + description + ")";
    }
}
