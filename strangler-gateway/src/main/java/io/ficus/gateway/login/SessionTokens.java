package io.ficus.gateway.login;

import java.time.Clock;
import java.time.Duration;

import io.ficus.gateway.GatewaySettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.endpoint.ReactiveOAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * The access token SCG's {@code TokenRelay} puts on a logged-in browser's proxied requests: the session's own, or a
 * fresh one from the issuer (refresh token grant through Spring's token response client; Spring's
 * {@code RefreshTokenReactiveOAuth2AuthorizedClientProvider} would need spring-security-web, ADR 0017) when it expires
 * within {@code refresh-ahead}; a refresh token the issuer rotated replaces the old one.
 * Never errors: when the session's tokens cannot be renewed the session ends and the request goes on without a token,
 * so the backend answers as it does to anyone anonymous.
 */
final class SessionTokens implements ReactiveOAuth2AuthorizedClientManager {

    private static final Logger log = LoggerFactory.getLogger(SessionTokens.class);

    private final ReactiveOAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest> refresher;
    private final BrowserSessions sessions;
    private final Duration refreshAhead;
    private final Duration timeout;
    private final Clock clock;

    SessionTokens(ReactiveOAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest> refresher,
            BrowserSessions sessions,
            GatewaySettings.Login settings, Clock clock) {
        this.refresher = refresher;
        this.sessions = sessions;
        this.refreshAhead = settings.refreshAhead();
        this.timeout = settings.providerTimeout();
        this.clock = clock;
    }

    @Override
    public Mono<OAuth2AuthorizedClient> authorize(OAuth2AuthorizeRequest request) {
        Authentication principal = request.getPrincipal();
        if (!(principal.getDetails() instanceof BrowserSession session)) {
            return Mono.empty();
        }
        OAuth2AuthorizedClient current = session.tokens();
        if (!expiresSoon(current.getAccessToken())) {
            return Mono.just(current);
        }
        return session.refreshOnce(() -> refresh(session, principal));
    }

    private Mono<OAuth2AuthorizedClient> refresh(BrowserSession session, Authentication principal) {
        OAuth2AuthorizedClient current = session.tokens();
        if (current.getRefreshToken() == null) {
            return stillValid(session, current);
        }
        return refresher.getTokenResponse(new OAuth2RefreshTokenGrantRequest(current.getClientRegistration(),
                        current.getAccessToken(), current.getRefreshToken()))
                .map(response -> new OAuth2AuthorizedClient(current.getClientRegistration(), current.getPrincipalName(),
                        response.getAccessToken(), response.getRefreshToken() != null ? response.getRefreshToken()
                                : current.getRefreshToken()))
                .timeout(timeout)
                .doOnNext(session::tokens)
                .onErrorResume(error -> {
                    log.info("Browser session of {} ended: its access token could not be refreshed ({})",
                            session.subject(), error.toString());
                    sessions.end(session);
                    return Mono.empty();
                })
                .switchIfEmpty(Mono.defer(() -> stillValid(session, current)));
    }

    /** No refresh happened (no refresh token): the current token while it is valid, else the session ends. */
    private Mono<OAuth2AuthorizedClient> stillValid(BrowserSession session, OAuth2AuthorizedClient current) {
        if (session.tokens() != current) {
            return Mono.just(session.tokens());
        }
        OAuth2AccessToken token = current.getAccessToken();
        if (token.getExpiresAt() != null && clock.instant().isBefore(token.getExpiresAt())) {
            return Mono.just(current);
        }
        sessions.end(session);
        return Mono.empty();
    }

    private boolean expiresSoon(OAuth2AccessToken token) {
        return token.getExpiresAt() != null && !clock.instant().plus(refreshAhead).isBefore(token.getExpiresAt());
    }
}
