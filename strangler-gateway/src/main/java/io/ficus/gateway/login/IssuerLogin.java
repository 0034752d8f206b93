package io.ficus.gateway.login;

import java.net.URI;
import java.time.Clock;
import java.util.Map;

import io.ficus.gateway.GatewaySettings;
import reactor.core.publisher.Mono;

import org.springframework.lang.Nullable;
import org.springframework.security.oauth2.client.endpoint.WebClientReactiveAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.authentication.OidcAuthorizationCodeReactiveAuthenticationManager;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcReactiveOAuth2UserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The gateway's client at its OpenID Connect issuer ({@code ficus.gateway.security.issuer-uri}, client
 * {@code login.client-id}), shared by both browser logins the gateway offers: the public port's (ADR 0017) and the
 * dashboard's on the management port. Each gets its own {@link LoginFlow} (its own callback, cookie and pending
 * logins); the protocol work is one copy: the client registration, the authorization request (state, nonce, PKCE
 * S256) and Spring's OIDC code exchange, which checks the ID token. Without an issuer, or without a client there, it is
 * not configured and offers no login.
 */
public final class IssuerLogin {

    private final GatewaySettings.Login settings;
    @Nullable
    private final String issuer;
    @Nullable
    private final IssuerRegistration registration;
    @Nullable
    private final AuthorizationRequests requests;
    @Nullable
    private final OidcAuthorizationCodeReactiveAuthenticationManager codes;
    private final Clock clock;

    private IssuerLogin(GatewaySettings.Login settings, @Nullable String issuer, Clock clock) {
        this.settings = settings;
        this.issuer = issuer;
        this.clock = clock;
        if (issuer == null) {
            this.registration = null;
            this.requests = null;
            this.codes = null;
            return;
        }
        this.registration = new IssuerRegistration(issuer, settings);
        // PKCE for the confidential client too (OAuth 2.1; the shop requires it of ficus-gateway)
        this.requests = new AuthorizationRequests(registration);
        OidcReactiveOAuth2UserService users = new OidcReactiveOAuth2UserService();
        // the ID token says who logged in; no userinfo call per login
        users.setRetrieveUserInfo(request -> false);
        this.codes = new OidcAuthorizationCodeReactiveAuthenticationManager(
                new WebClientReactiveAuthorizationCodeTokenResponseClient(), users);
    }

    /**
     * Configured when the gateway is a client of its issuer: an issuer, and either the public port's login switched on
     * or the client's secret given. An issuer alone makes the gateway only check bearer tokens (ADR 0015): it has no
     * client there, and a login offered then would fail at the issuer.
     */
    static IssuerLogin of(GatewaySettings.Security security, Clock clock) {
        GatewaySettings.Login login = security.login();
        boolean client = login.enabled() || StringUtils.hasText(login.clientSecret());
        if (!StringUtils.hasText(security.issuerUri()) || !client) {
            return new IssuerLogin(login, null, clock);
        }
        String basePath = security.login().basePath();
        Assert.state(basePath.startsWith("/") && !basePath.endsWith("/") && basePath.length() > 1,
                "ficus.gateway.security.login.base-path must start with / and not end with one: " + basePath);
        return new IssuerLogin(security.login(), security.issuerUri().trim(), clock);
    }

    /** True when the gateway is a client of an issuer: only then does it offer a login through it. */
    public boolean configured() {
        return issuer != null;
    }

    /** The issuer's URI, for a person to recognise where they log in. */
    public String issuer() {
        Assert.state(issuer != null, "no issuer configured");
        return issuer;
    }

    /** {@code <base-path>/login}: where a login starts, on either port. */
    public String loginPath() {
        return settings.basePath() + "/login";
    }

    /** {@code <base-path>/login/callback}: where the issuer's answer comes back, on either port. */
    public String callbackPath() {
        return loginPath() + "/callback";
    }

    /**
     * A login whose answer comes back to {@code redirectUri} ({@code {baseUrl}} is the request's own scheme, host and
     * port), bound to the browser by {@code cookie}.
     */
    public LoginFlow flow(String redirectUri, LoginStateCookie cookie) {
        Assert.state(configured(), "no issuer login configured: set ficus.gateway.security.issuer-uri and "
                + "login.client-secret or login.enabled");
        return new LoginFlow(settings, registration, requests, codes, new PendingLogins(settings, clock), redirectUri,
                cookie, loginPath());
    }

    /** {@code path} on the server this request reached: its scheme, host and port. */
    public static String onThisServer(ServerWebExchange exchange, String path) {
        return AuthorizationRequests.expand("{baseUrl}" + path, exchange);
    }

    /**
     * Where to send a browser whose session just ended (OIDC RP-initiated logout): the issuer's end-session endpoint
     * with the ID token as hint, or straight to {@code afterLogout} when the issuer has none or cannot be read. Never
     * errors.
     */
    public Mono<URI> endSession(String idToken, String afterLogout) {
        if (registration == null) {
            return Mono.just(URI.create(afterLogout));
        }
        return registration.registration()
                .map(client -> endSessionUri(client, idToken, afterLogout))
                .onErrorResume(error -> Mono.just(URI.create(afterLogout)));
    }

    private static URI endSessionUri(ClientRegistration client, String idToken, String afterLogout) {
        Map<String, Object> metadata = client.getProviderDetails().getConfigurationMetadata();
        Object endSession = metadata.get("end_session_endpoint");
        if (!(endSession instanceof String endpoint) || endpoint.isBlank()) {
            return URI.create(afterLogout);
        }
        return UriComponentsBuilder.fromUriString(endpoint)
                .queryParam("client_id", client.getClientId())
                .queryParam("id_token_hint", idToken)
                .queryParam("post_logout_redirect_uri", afterLogout)
                .encode().build().toUri();
    }
}
