package io.ficus.gateway.identity;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
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
import io.ficus.gateway.GatewaySettings;

/**
 * The issuer's signing keys, fetched when the first token arrives (never at startup, so an app starts while its
 * issuer is down): the OIDC metadata ({@code <issuer>/.well-known/openid-configuration}) names the key set, whose
 * {@code issuer} must be the configured one. Keys are cached; a token signed with a key id the cache lacks (the
 * issuer rotated its key) makes it fetch the set again, rate limited, and a token still unmatched is simply not
 * verified (401), never an error of the app. The same as ficus-security's (a servlet library the reactive gateway
 * cannot use), so the gateway and every backend fetch and trust keys alike.
 */
final class IssuerKeys implements JWKSource<SecurityContext> {

    private final DiscoveredKeySet keySet;
    private final JWKSource<SecurityContext> keys;

    IssuerKeys(String issuer, GatewaySettings.Jwks settings) {
        int timeout = (int) settings.timeout().toMillis();
        DefaultResourceRetriever retriever = new DefaultResourceRetriever(timeout, timeout, 512 * 1024);
        this.keySet = new DiscoveredKeySet(issuer, retriever);
        this.keys = JWKSourceBuilder.create(keySet)
                .cache(settings.cacheTimeToLive().toMillis(), timeout)
                .rateLimited(settings.minRefetchInterval().toMillis())
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
