package io.ficus.shop.identity.internal;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The identity module's settings ({@code ficus.identity.*}), with their defaults here and nowhere else.
 *
 * @param issuer              the issuer URL put into every token and the discovery document: the public URL users
 *                            see (the gateway's when it runs, e.g. {@code http://localhost:8080}); empty means the
 *                            URL the request came in on, which suits only a shop reached directly
 * @param accessTokenLifetime how long an access token is valid
 * @param keys                signing key rotation
 * @param demo                the demo users (only with {@code ficus.shop.demo-data} on)
 * @param clients             secrets and redirect URIs of the registered clients
 */
@ConfigurationProperties("ficus.identity")
record IdentitySettings(URI issuer, @DefaultValue("5m") Duration accessTokenLifetime, @DefaultValue Keys keys,
        @DefaultValue Demo demo, @DefaultValue Clients clients) {

    IdentitySettings {
        if (accessTokenLifetime.isNegative() || accessTokenLifetime.isZero()) {
            throw new IllegalArgumentException("ficus.identity.access-token-lifetime must be positive");
        }
        // The previous key stays published for one rotation period after it stopped signing: every token it
        // signed must expire within that time (ID tokens live 30 minutes).
        Duration longestToken = accessTokenLifetime.compareTo(Duration.ofMinutes(30)) > 0 ? accessTokenLifetime
                : Duration.ofMinutes(30);
        if (keys.rotationPeriod().compareTo(longestToken) <= 0) {
            throw new IllegalArgumentException("ficus.identity.keys.rotation-period (" + keys.rotationPeriod()
                    + ") must be longer than the longest token lifetime (" + longestToken + ")");
        }
    }

    /**
     * @param rotationPeriod a new signing key is made once the newest is this old
     * @param checkInterval  how often each instance checks whether the newest key is due and re-reads the keys
     *                       (a key made by another instance is used and published after at most this long)
     */
    record Keys(@DefaultValue("7d") Duration rotationPeriod, @DefaultValue("1m") Duration checkInterval) {
    }

    /**
     * @param password when set, the demo users get this password at every start; when empty, each gets a random one
     *                 when it is created, printed once in the log (only its hash is stored)
     */
    record Demo(String password) {
    }

    /**
     * Client secrets: when empty and demo data is on, one is generated at each start and printed; when empty and demo
     * data is off, that confidential client is not registered.
     *
     * @param gatewaySecret          secret of {@code ficus-gateway}
     * @param gatewayRedirectUris    where {@code ficus-gateway} may receive authorization codes: the gateway's public
     *                               port (browsers of the shop) and its management port (staff at the dashboard)
     * @param gatewayPostLogoutUris  where {@code ficus-gateway} may send users after logout: the storefront, and the
     *                               dashboard's login form
     * @param automationSecret       secret of {@code ficus-automation}
     * @param shopSecret             secret of {@code ficus-shop}
     */
    record Clients(String gatewaySecret,
            @DefaultValue({"http://localhost:8080/_gateway/login/callback",
                    "http://localhost:8090/_gateway/login/callback"}) List<String> gatewayRedirectUris,
            @DefaultValue({"http://localhost:8080/", "http://localhost:8090/admin/login"})
            List<String> gatewayPostLogoutUris, String automationSecret,
            String shopSecret) {
    }
}
