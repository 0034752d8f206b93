package io.ficus.platform.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How tokens are checked beyond what the issuer itself says, the same in every app, with the defaults here and
 * nowhere else. The issuer is Boot's own {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}.
 *
 * @param audience   a token is accepted only if its {@code aud} claim contains this value
 * @param rolesClaim where the user's roles are, as a dotted path ({@code roles}; {@code realm_access.roles} for
 *                   Keycloak); each role becomes the authority {@code ROLE_<role>}
 * @param clockSkew  how far {@code exp} and {@code nbf} may be off the local clock
 * @param jwks       fetching the issuer's keys
 */
@ConfigurationProperties(SecurityProperties.PREFIX)
public record SecurityProperties(@DefaultValue("ficus") String audience, @DefaultValue("roles") String rolesClaim,
        @DefaultValue("30s") Duration clockSkew, @DefaultValue Jwks jwks) {

    public static final String PREFIX = "ficus.security";

    /**
     * @param cacheTimeToLive       keys are fetched again after this, even without a new key id
     * @param minRefetchInterval    a token with a key id the cached set lacks makes the app fetch the set again (a
     *                              rotated key), at most twice per interval: a flood of tokens with made-up key ids
     *                              cannot make the app flood the issuer
     * @param timeout               connect and read timeout for the issuer's metadata and key set
     */
    public record Jwks(@DefaultValue("5m") Duration cacheTimeToLive, @DefaultValue("30s") Duration minRefetchInterval,
            @DefaultValue("3s") Duration timeout) {
    }
}
