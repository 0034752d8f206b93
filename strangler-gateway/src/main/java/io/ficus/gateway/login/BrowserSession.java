package io.ficus.gateway.login;

import java.time.Instant;
import java.util.function.Supplier;

import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;

/**
 * One browser's login at the gateway: who logged in, the tokens the issuer gave the gateway for them, and the ID token
 * the logout hands back to the issuer. Held in memory only ({@link BrowserSessions}).
 */
final class BrowserSession {

    private final String id;
    private final OAuth2AuthenticationToken principal;
    private final String idToken;
    private final Instant created;
    private volatile Instant lastSeen;
    private volatile OAuth2AuthorizedClient tokens;
    private Mono<OAuth2AuthorizedClient> refreshing;

    BrowserSession(String id, OAuth2AuthenticationToken principal, String idToken, OAuth2AuthorizedClient tokens,
            Instant now) {
        this.id = id;
        this.principal = principal;
        this.idToken = idToken;
        this.tokens = tokens;
        this.created = now;
        this.lastSeen = now;
        // TokenRelay hands the principal to the token manager, which finds its session here
        principal.setDetails(this);
    }

    String id() {
        return id;
    }

    String subject() {
        return principal.getName();
    }

    OAuth2AuthenticationToken principal() {
        return principal;
    }

    String idToken() {
        return idToken;
    }

    Instant created() {
        return created;
    }

    Instant lastSeen() {
        return lastSeen;
    }

    void seen(Instant now) {
        lastSeen = now;
    }

    OAuth2AuthorizedClient tokens() {
        return tokens;
    }

    void tokens(OAuth2AuthorizedClient refreshed) {
        tokens = refreshed;
    }

    /**
     * The refresh under way for this session, or a new one: concurrent requests of one browser share a single refresh,
     * since the issuer rotates refresh tokens and a second use of the old one would be refused (and end the login).
     */
    synchronized Mono<OAuth2AuthorizedClient> refreshOnce(Supplier<Mono<OAuth2AuthorizedClient>> refresh) {
        if (refreshing == null) {
            Mono<OAuth2AuthorizedClient>[] self = new Mono[1];
            self[0] = refresh.get().doFinally(signal -> refreshDone(self[0])).cache();
            refreshing = self[0];
        }
        return refreshing;
    }

    private synchronized void refreshDone(Mono<OAuth2AuthorizedClient> finished) {
        if (refreshing == finished) {
            refreshing = null;
        }
    }
}
