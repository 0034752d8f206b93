package io.ficus.shop.identity.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Authorizations in progress and issued (authorization codes, refresh tokens), in this instance's memory, forgotten
 * once every token they hold has expired: Spring's in-memory service alone keeps every authorization ever made, and a
 * client-credentials token is one each. Access tokens are self-contained JWTs, so they validate anywhere regardless.
 */
class ExpiringAuthorizations implements OAuth2AuthorizationService, SchedulingConfigurer {

    /** How long an authorization whose tokens carry no expiry (a request not yet answered) is kept. */
    private static final Duration UNFINISHED = Duration.ofMinutes(10);

    private final InMemoryOAuth2AuthorizationService delegate = new InMemoryOAuth2AuthorizationService();
    private final Map<String, Instant> expiries = new ConcurrentHashMap<>();
    private final Duration sweepInterval;
    private final Clock clock;

    ExpiringAuthorizations(Duration sweepInterval, Clock clock) {
        this.sweepInterval = sweepInterval;
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::forgetExpired, sweepInterval, sweepInterval));
    }

    @Override
    public void save(OAuth2Authorization authorization) {
        delegate.save(authorization);
        expiries.put(authorization.getId(), lastExpiry(authorization));
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        delegate.remove(authorization);
        expiries.remove(authorization.getId());
    }

    @Override
    public OAuth2Authorization findById(String id) {
        return delegate.findById(id);
    }

    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        return delegate.findByToken(token, tokenType);
    }

    /** How many authorizations this instance holds. */
    int size() {
        return expiries.size();
    }

    void forgetExpired() {
        Instant now = clock.instant();
        expiries.forEach((id, expiry) -> {
            if (expiry.isBefore(now)) {
                OAuth2Authorization authorization = delegate.findById(id);
                if (authorization != null) {
                    delegate.remove(authorization);
                }
                expiries.remove(id, expiry);
            }
        });
    }

    private Instant lastExpiry(OAuth2Authorization authorization) {
        Instant unfinished = clock.instant().plus(UNFINISHED);
        return Stream.of(authorization.getAccessToken(), authorization.getRefreshToken(),
                        authorization.getToken(OAuth2AuthorizationCode.class),
                        authorization.getToken(OidcIdToken.class))
                .filter(token -> token != null && token.getToken().getExpiresAt() != null)
                .map(token -> token.getToken().getExpiresAt())
                .reduce(unfinished, (a, b) -> a.isAfter(b) ? a : b);
    }
}
