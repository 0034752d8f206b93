package io.ficus.gateway;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the strangler gateway ({@code ficus.gateway.*}); the routes themselves live in the migration plan.
 *
 * @param plan where the migration plan YAML is ({@code classpath:} or {@code file:})
 */
@ConfigurationProperties("ficus.gateway")
public record GatewaySettings(
        @DefaultValue("classpath:migration-plan.yml") String plan,
        @DefaultValue Canary canary,
        @DefaultValue Limits limits,
        @DefaultValue CircuitBreaker circuitBreaker,
        @DefaultValue Retry retry,
        @DefaultValue LoadBalancing loadBalancing,
        @DefaultValue RateLimit rateLimit,
        @DefaultValue State state,
        @DefaultValue Admin admin,
        @DefaultValue Automation automation,
        @DefaultValue Security security) {

    /**
     * How callers are kept on one side of a canary.
     *
     * @param callerHeader request header holding the caller key (a user id, a session id); blank to skip
     * @param callerCookie cookie holding the caller key, tried after the header; blank to skip
     * @param seed         mixed into the hash; changing it reshuffles which callers are in the canary
     * @param gatewayCookie the cookie the gateway issues to a caller that brings no key (browsers), on its first
     *                     request to a canary route; blank to issue none (such callers are then keyed by address)
     */
    public record Canary(@DefaultValue("X-User-Id") String callerHeader, String callerCookie,
            @DefaultValue("0") int seed, @DefaultValue Override override,
            @DefaultValue("ficus-caller") String gatewayCookie) {
    }

    /** Lets testers force a side ({@code service} or {@code legacy}) with a header or cookie. */
    public record Override(@DefaultValue("false") boolean enabled, @DefaultValue("X-Ficus-Side") String header,
            @DefaultValue("ficus-side") String cookie) {
    }

    /** Request size limits enforced before anything is proxied. */
    public record Limits(@DefaultValue("16KB") DataSize maxHeaderSize, @DefaultValue("10MB") DataSize maxBodySize) {
    }

    /** One Resilience4j breaker per service; defaults trip within seconds, not after 100 calls and 60 s. */
    public record CircuitBreaker(@DefaultValue("10") int slidingWindowSize, @DefaultValue("5") int minimumNumberOfCalls,
            @DefaultValue("50") float failureRateThreshold, @DefaultValue("5s") Duration waitDurationInOpenState,
            @DefaultValue("2") int permittedCallsInHalfOpenState) {
    }

    /** Attempts for idempotent, bodiless methods (GET, HEAD, OPTIONS) when the connection fails; 1 = no retry. */
    public record Retry(@DefaultValue("2") int maxAttempts) {
    }

    /**
     * Backends with several instances (docs/adr/0018): a connection-level failure takes the instance out for
     * {@code firstEjection}, twice as long after each further one (up to {@code maxEjection}); every
     * {@code healthInterval} each instance is checked (the backend's {@code health-path}, else a TCP connect) and is
     * out while the check fails. A backend with {@code discovery: dns} has its URL's host resolved again every
     * {@code dnsInterval} (the JVM's DNS cache is set to 5 s at startup unless configured, GatewayApplication).
     */
    public record LoadBalancing(@DefaultValue("1s") Duration healthInterval, @DefaultValue("1s") Duration firstEjection,
            @DefaultValue("30s") Duration maxEjection, @DefaultValue("5s") Duration dnsInterval) {
    }

    /** Optional per-caller limit: {@code limit} requests per {@code window}; Redis-backed when Redis is configured. */
    public record RateLimit(@DefaultValue("false") boolean enabled, @DefaultValue("100") int limit,
            @DefaultValue("1s") Duration window) {
    }

    /** How often a replica checks the database for route changes made elsewhere. */
    public record State(@DefaultValue("500ms") Duration pollInterval) {
    }

    /**
     * Automatic progression of the routes whose plan entry has an {@code automation:} block.
     *
     * @param checkInterval how often each replica reads the automation states, and the lock holder judges the steps
     * @param user          the name on the stage changes the automation makes; a change under any other name (an
     *                      operator's) pauses the route's automation
     * @param lockKey       the PostgreSQL advisory lock key that elects the one replica that acts
     */
    public record Automation(@DefaultValue("5s") Duration checkInterval, @DefaultValue("automation") String user,
            @DefaultValue("7046142711") long lockKey) {
    }

    /** Admin API credentials (the user name matches exactly); no password means one is generated and logged. */
    public record Admin(@DefaultValue("admin") String username, String password,
            @DefaultValue LoginThrottle throttle, @DefaultValue Session session) {
    }

    /**
     * The dashboard's login session (a cookie on the management port): it ends {@code lifetime} after the login at
     * the latest, or after {@code idleTimeout} without a request; at most {@code maxSessions} live at once (the
     * oldest is ended to make room).
     */
    public record Session(@DefaultValue("8h") Duration lifetime, @DefaultValue("30m") Duration idleTimeout,
            @DefaultValue("100") int maxSessions) {
    }

    /**
     * Failed admin logins per client address: after {@code freeFailures}, each failure locks the client out for
     * {@code firstDelay}, then twice as long each time, up to {@code maxDelay} (429 with Retry-After meanwhile).
     */
    public record LoginThrottle(@DefaultValue("5") int freeFailures, @DefaultValue("1s") Duration firstDelay,
            @DefaultValue("5m") Duration maxDelay) {
    }

    /**
     * Bearer tokens (JWTs) the gateway checks itself, as every backend does: for the admin API and for the sticky
     * canary key. Without an issuer the gateway accepts no bearer token on its admin API (HTTP basic and the
     * dashboard login still work) and keys canaries as before.
     *
     * @param issuerUri          the OpenID Connect issuer ({@code iss}); its metadata and keys are fetched in the
     *                           background after startup (a few tries) or when a token needs them, never waited for
     * @param audience           a token is accepted only if its {@code aud} contains this value
     * @param rolesClaim         where the roles are, as a dotted path ({@code realm_access.roles} for Keycloak)
     * @param groupsClaim        where the groups a canary stage's {@code caller-groups} name are, as a dotted path;
     *                           by default the roles claim of docs/identity.md ({@code groups} for a Keycloak client
     *                           with a group membership mapper)
     * @param clockSkew          how far {@code exp} and {@code nbf} may be off the local clock
     * @param adminRole          a token with this role may use the admin API and the dashboard
     * @param adminScope         so may a token with this scope (a machine client's, client credentials)
     * @param verifiedTokens     how many verified tokens are remembered until they expire, so a token sent again
     *                           costs a map lookup instead of a signature check
     * @param jwks               fetching the issuer's keys
     * @param login              browser login at the gateway against the same issuer
     */
    public record Security(String issuerUri, @DefaultValue("ficus") String audience,
            @DefaultValue("roles") String rolesClaim, @DefaultValue("roles") String groupsClaim,
            @DefaultValue("30s") Duration clockSkew,
            @DefaultValue("staff") String adminRole, @DefaultValue("gateway.admin") String adminScope,
            @DefaultValue("10000") int verifiedTokens, @DefaultValue Jwks jwks, @DefaultValue Login login) {
    }

    /**
     * Browsers log in at the gateway (authorization code + PKCE against {@code issuer-uri}); the gateway keeps the
     * session in memory and relays its access token to backends (docs/adr/0017).
     *
     * @param enabled               off by default; needs {@code issuer-uri}
     * @param clientId              the gateway's client at the issuer
     * @param clientSecret          its secret; blank for a public client (PKCE alone)
     * @param scopes                the scopes asked for at login
     * @param basePath              the gateway claims {@code <base-path>/login}, {@code /login/callback} and
     *                              {@code /logout} on the public port (everything else is proxied), and
     *                              {@code <base-path>/login} and {@code /login/callback} on the management port
     *                              for the dashboard's staff login
     * @param redirectUri           where the issuer sends the code ({@code {baseUrl}} is the request's own base URL);
     *                              blank: {@code {baseUrl}<base-path>/login/callback}
     * @param postLogoutRedirectUri where the issuer sends the browser after logout
     * @param cookieName            the session cookie; never forwarded to backends
     * @param idleTimeout           a session ends after this long without a request
     * @param lifetime              and this long after the login at the latest
     * @param maxSessions           sessions held at once; the oldest is ended to make room
     * @param loginTimeout          how long a started login waits for the issuer's answer
     * @param maxPendingLogins      logins in progress held at once; the oldest is dropped to make room
     * @param refreshAhead          the access token is refreshed when it expires within this
     * @param providerTimeout       bound on each call to the issuer (discovery, code exchange, refresh)
     */
    public record Login(@DefaultValue("false") boolean enabled, @DefaultValue("ficus-gateway") String clientId,
            String clientSecret, @DefaultValue({"openid", "profile", "email", "orders"}) List<String> scopes,
            @DefaultValue("/_gateway") String basePath, String redirectUri,
            @DefaultValue("{baseUrl}/") String postLogoutRedirectUri,
            @DefaultValue("ficus-gateway-session") String cookieName, @DefaultValue("30m") Duration idleTimeout,
            @DefaultValue("8h") Duration lifetime, @DefaultValue("10000") int maxSessions,
            @DefaultValue("10m") Duration loginTimeout, @DefaultValue("1000") int maxPendingLogins,
            @DefaultValue("60s") Duration refreshAhead, @DefaultValue("5s") Duration providerTimeout) {

        /** The redirect URI template registered at the issuer. */
        public String effectiveRedirectUri() {
            return redirectUri != null && !redirectUri.isBlank() ? redirectUri.trim()
                    : "{baseUrl}" + basePath + "/login/callback";
        }
    }

    /**
     * @param cacheTimeToLive    keys are fetched again after this, even without a new key id
     * @param minRefetchInterval a token with a key id the cached set lacks (a rotated key) makes the gateway fetch
     *                           the set again, at most twice per interval, so made-up key ids cannot flood the issuer
     * @param timeout            connect and read timeout for the issuer's metadata and key set
     */
    public record Jwks(@DefaultValue("5m") Duration cacheTimeToLive, @DefaultValue("30s") Duration minRefetchInterval,
            @DefaultValue("3s") Duration timeout) {
    }
}
