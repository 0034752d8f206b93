package io.ficus.platform.jwtkeys;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetUnavailableException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The issuer's signing keys, for every token checker of the estate (ficus-security's servlet resource servers and
 * the reactive gateway), so they all fetch and trust keys alike. The OIDC metadata
 * ({@code <issuer>/.well-known/openid-configuration}) names the key set, whose {@code issuer} must be the configured
 * one. Keys are cached; a token signed with a key id the cache lacks (the issuer rotated its key) makes it fetch the
 * set again, rate limited, and a token still unmatched is simply not verified (401), never an error of the app.
 * Nothing is fetched while the app starts: {@link #warmUpInBackground()} fetches the keys on a thread of its own, a
 * bounded number of times, so the first token need not wait for the issuer, and an app whose issuer is down starts
 * all the same and fetches when the first token arrives.
 */
public final class IssuerKeys implements JWKSource<SecurityContext>, AutoCloseable {

    /** Tries of the warm-up; after the last one, keys are fetched when a token needs them, as without a warm-up. */
    static final int WARM_UP_ATTEMPTS = 5;

    private static final Logger log = LoggerFactory.getLogger(IssuerKeys.class);

    private static final JWKSelector ANY_KEY = new JWKSelector(new JWKMatcher.Builder().build());

    private final String issuer;
    private final Duration minRefetchInterval;
    private final DiscoveredKeySet keySet;
    private final JWKSource<SecurityContext> keys;
    private final ScheduledExecutorService warmUp = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "issuer-keys-warm-up");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param issuer             the OIDC issuer ({@code iss})
     * @param cacheTimeToLive    keys are fetched again after this, even without a new key id
     * @param minRefetchInterval an unknown key id fetches the set again at most twice per interval
     * @param timeout            connect and read timeout for the metadata and the key set
     */
    public IssuerKeys(String issuer, Duration cacheTimeToLive, Duration minRefetchInterval, Duration timeout) {
        this.issuer = issuer;
        this.minRefetchInterval = minRefetchInterval;
        int timeoutMillis = (int) timeout.toMillis();
        DefaultResourceRetriever retriever = new DefaultResourceRetriever(timeoutMillis, timeoutMillis, 512 * 1024);
        this.keySet = new DiscoveredKeySet(issuer, retriever);
        this.keys = JWKSourceBuilder.create(keySet)
                .cache(cacheTimeToLive.toMillis(), timeoutMillis)
                .rateLimited(minRefetchInterval.toMillis())
                .retrying(false)
                .refreshAheadCache(false)
                .build();
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        try {
            return keys.get(selector, context);
        }
        catch (RateLimitReachedException e) {
            if (!keySet.fetched) {
                throw new JWKSetUnavailableException("The issuer's keys could not be fetched yet; retrying later", e);
            }
            // the set was fetched again a moment ago and still lacks this key id: the token is not ours
            return List.of();
        }
    }

    /**
     * Fetches the keys in the background and returns at once; a failed try is repeated after the refetch interval
     * (so a try never takes the rate limiter's second fetch, kept for a real token), {@value #WARM_UP_ATTEMPTS} tries
     * at most. Keys fetched here land in the cache every token check reads.
     */
    public void warmUpInBackground() {
        warmUp.execute(() -> tryWarmUp(1));
    }

    private void tryWarmUp(int attempt) {
        try {
            get(ANY_KEY, null);
            log.info("Fetched the signing keys of {} (warm-up)", issuer);
        }
        catch (KeySourceException | RuntimeException e) {
            if (warmUp.isShutdown()) {
                return; // the app is stopping: nothing to warn about
            }
            if (attempt >= WARM_UP_ATTEMPTS) {
                log.warn("Could not fetch the signing keys of {} in {} tries ({}); they are fetched when a token "
                        + "needs them", issuer, attempt, e.getMessage());
                return;
            }
            log.info("Could not fetch the signing keys of {} yet (try {} of {}): {}", issuer, attempt,
                    WARM_UP_ATTEMPTS, e.getMessage());
            try {
                warmUp.schedule(() -> tryWarmUp(attempt + 1), Math.max(1, minRefetchInterval.toMillis()),
                        TimeUnit.MILLISECONDS);
            }
            catch (RejectedExecutionException closed) {
                // closed while this try ran: the app is stopping
            }
        }
    }

    /** Stops the warm-up; token checks go on working. */
    @Override
    public void close() {
        warmUp.shutdownNow();
    }

    /** The key set of the issuer's metadata; the metadata is read again until it has been read once. */
    private static final class DiscoveredKeySet implements JWKSetSource<SecurityContext> {

        private final String issuer;
        private final DefaultResourceRetriever retriever;
        private volatile URLBasedJWKSetSource<SecurityContext> keySet;
        volatile boolean fetched;

        DiscoveredKeySet(String issuer, DefaultResourceRetriever retriever) {
            this.issuer = issuer;
            this.retriever = retriever;
        }

        @Override
        public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator refreshEvaluator, long currentTime,
                SecurityContext context) throws KeySourceException {
            JWKSet set = keySet().getJWKSet(refreshEvaluator, currentTime, context);
            fetched = true;
            return set;
        }

        private URLBasedJWKSetSource<SecurityContext> keySet() throws KeySourceException {
            URLBasedJWKSetSource<SecurityContext> known = keySet;
            if (known == null) {
                known = new URLBasedJWKSetSource<>(discoverKeySetUrl(), retriever);
                keySet = known;
            }
            return known;
        }

        private URL discoverKeySetUrl() throws KeySourceException {
            String location = issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration";
            try {
                Resource metadata = retriever.retrieveResource(URI.create(location).toURL());
                Map<String, Object> json = JSONObjectUtils.parse(metadata.getContent());
                Object claimedIssuer = json.get("issuer");
                if (!issuer.equals(claimedIssuer)) {
                    throw new JWKSetUnavailableException("The metadata at " + location + " names issuer "
                            + claimedIssuer + ", not " + issuer, null);
                }
                Object jwksUri = json.get("jwks_uri");
                if (!(jwksUri instanceof String uri) || uri.isBlank()) {
                    throw new JWKSetUnavailableException("The metadata at " + location + " has no jwks_uri", null);
                }
                return URI.create(uri).toURL();
            }
            catch (IOException | java.text.ParseException | IllegalArgumentException e) {
                throw new JWKSetUnavailableException("Cannot read the issuer's metadata at " + location + ": " + e, e);
            }
        }

        @Override
        public void close() throws IOException {
            // nothing held between fetches
        }
    }

}
