package io.ficus.shop.identity.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Issued authorizations are forgotten once all their tokens have expired, not before. */
class ExpiringAuthorizationsTests {

    private static final Instant START = Instant.parse("2026-12-01T12:00:00Z");
    private static final RegisteredClient CLIENT = RegisteredClient.withId("c").clientId("c").clientSecret("{noop}s")
            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
            .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS).build();

    private Instant now = START;
    private final ExpiringAuthorizations authorizations = new ExpiringAuthorizations(Duration.ofMinutes(1), new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });

    @Test
    void forgetsAnAuthorizationOnlyOnceItsLastTokenHasExpired() {
        OAuth2Authorization shortLived = authorization("a1", Duration.ofMinutes(5), null);
        OAuth2Authorization withRefresh = authorization("a2", Duration.ofMinutes(5), Duration.ofHours(8));
        authorizations.save(shortLived);
        authorizations.save(withRefresh);

        now = START.plus(Duration.ofMinutes(4));
        authorizations.forgetExpired();
        assertThat(authorizations.findByToken("a1-access", OAuth2TokenType.ACCESS_TOKEN)).isNotNull();

        // the access tokens have expired; the refresh token of the second has not
        now = START.plus(Duration.ofMinutes(11));
        authorizations.forgetExpired();
        assertThat(authorizations.findById("a1")).isNull();
        assertThat(authorizations.findByToken("a1-access", OAuth2TokenType.ACCESS_TOKEN)).isNull();
        assertThat(authorizations.findById("a2")).isNotNull();
        assertThat(authorizations.size()).isEqualTo(1);

        now = START.plus(Duration.ofHours(9));
        authorizations.forgetExpired();
        assertThat(authorizations.findById("a2")).isNull();
        assertThat(authorizations.size()).isZero();
    }

    private OAuth2Authorization authorization(String id, Duration accessLifetime, Duration refreshLifetime) {
        OAuth2Authorization.Builder builder = OAuth2Authorization.withRegisteredClient(CLIENT).id(id).principalName("c")
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .accessToken(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, id + "-access", START,
                        START.plus(accessLifetime)));
        if (refreshLifetime != null) {
            builder.refreshToken(new OAuth2RefreshToken(id + "-refresh", START, START.plus(refreshLifetime)));
        }
        return builder.build();
    }
}
