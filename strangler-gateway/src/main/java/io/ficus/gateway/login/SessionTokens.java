package io.ficus.gateway.login;

import java.time.Clock;
import java.time.Duration;

import io.ficus.gateway.GatewaySettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizationContext;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.RefreshTokenReactiveOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * The access token SCG's {@code TokenRelay} puts on a logged-in browser's proxied requests: the session's own, or a
 * fresh one from the issuer (refresh token grant, Spring's provider) when it expires within {@code refresh-ahead}.
 * Never errors: when the session's tokens cannot be renewed the session ends and the request goes on without a token,
 * so the backend answers as it does to anyone anonymous.
 */
final class SessionTokens implements ReactiveOAuth2AuthorizedClientManager {

    private static final Logger log = LoggerFactory.getLogger(SessionTokens.class);

    private final RefreshTokenReactiveOAuth2AuthorizedClientProvider refresher;
    private final BrowserSessions sessions;
    private final Duration refreshAhead;
    private final Duration timeout;
    private final Clock clock;

    SessionTokens(RefreshTokenReactiveOAuth2AuthorizedClientProvider refresher, BrowserSessions sessions,
            GatewaySettings.Login settings, Clock clock) {
        this.refresher = refresher;
        this.sessions = sessions;
        this.refreshAhead = settings.refreshAhead();
        this.timeout = settings.providerTimeout();
        this.clock = clock;
        refresher.setClockSkew(refreshAhead);
        refresher.setClock(clock);
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
        OAuth2AuthorizationContext context = OAuth2AuthorizationContext.withAuthorizedClient(current)
                .principal(principal).build();
        return refresher.authorize(context)
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
