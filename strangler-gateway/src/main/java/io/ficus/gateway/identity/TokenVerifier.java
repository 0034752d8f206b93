package io.ficus.gateway.identity;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Callable;

import io.ficus.gateway.GatewaySettings;
import io.ficus.gateway.edge.RequestEventLoop;
import io.ficus.platform.jwtkeys.IssuerKeys;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.lang.Nullable;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.util.StringUtils;

/**
 * Checks bearer JWTs exactly as the estate's backends do (ficus-security): issuer, RS256 signature through the
 * issuer's key set (warmed up in the background, rotation picked up by key id, {@link IssuerKeys}), expiry with a
 * small skew, a required {@code exp}, the audience. The check runs off the event loop (a key fetch blocks); a token
 * verified once is remembered until it expires, so a client sending the same token again costs one map lookup.
 */
public class TokenVerifier {

    @Nullable
    private final IssuerKeys keys;
    private final JwtDecoder decoder;
    private final String[] rolesPath;
    private final String[] groupsPath;
    private final int capacity;
    private final ConcurrentMap<String, Identity> verified = new ConcurrentHashMap<>();

    TokenVerifier(GatewaySettings.Security settings) {
        this.keys = StringUtils.hasText(settings.issuerUri()) ? keys(settings) : null;
        this.decoder = keys != null ? decoder(settings, keys) : null;
        this.rolesPath = settings.rolesClaim().split("\\.");
        this.groupsPath = settings.groupsClaim().split("\\.");
        this.capacity = Math.max(0, settings.verifiedTokens());
    }

    private static IssuerKeys keys(GatewaySettings.Security settings) {
        GatewaySettings.Jwks jwks = settings.jwks();
        return new IssuerKeys(settings.issuerUri().trim(), jwks.cacheTimeToLive(), jwks.minRefetchInterval(),
                jwks.timeout());
    }

    private static JwtDecoder decoder(GatewaySettings.Security settings, IssuerKeys keys) {
        String issuer = settings.issuerUri().trim();
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys)
                .jwsAlgorithm(SignatureAlgorithm.RS256).build();
        OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(List.of(
                new JwtTimestampValidator(settings.clockSkew()),
                // Spring's timestamp check passes a token without exp: such a token would never expire
                new JwtClaimValidator<Object>(JwtClaimNames.EXP, Objects::nonNull),
                new JwtIssuerValidator(issuer),
                new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                        audience -> audience != null && audience.contains(settings.audience()))));
        decoder.setJwtValidator(validator);
        return decoder;
    }

    /** Fetches the issuer's keys in the background, so the first token need not wait for them; returns at once. */
    void warmUpInBackground() {
        if (keys != null) {
            keys.warmUpInBackground();
        }
    }

    /** Stops the warm-up. */
    public void close() {
        if (keys != null) {
            keys.close();
        }
    }

    /** True when an issuer is configured; without one every token is refused. */
    public boolean configured() {
        return decoder != null;
    }

    /** The token of an {@code Authorization: Bearer …} header, or null when the request carries none. */
    @Nullable
    public static String bearerToken(ServerHttpRequest request) {
        String header = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header == null || header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return header.substring(7).trim();
    }

    /** True when the request's Authorization header names the Bearer scheme (with or without a usable token). */
    public static boolean isBearer(@Nullable String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, "Bearer", 0, 6)
                && (authorization.length() == 6 || authorization.charAt(6) == ' ');
    }

    /**
     * Checks the token of this request; never errors: a refused token is a {@link TokenCheck} with the reason. A
     * check that had to leave the event loop (a token not seen before) answers back on the request's own event loop,
     * so the rest of the request (the proxying, the answer, the connection's next request) runs where it would have
     * run without a token: answering from another thread can leave the next request of a kept-alive connection
     * unanswered (seen here with Reactor Netty 1.3, as reactor/reactor-netty#4361).
     */
    public Mono<TokenCheck> check(@Nullable String token, ServerHttpRequest request) {
        Mono<TokenCheck> check = check(token);
        if (check instanceof Callable<?>) {
            return check; // answered at once (remembered, or refused without a check): no thread was left
        }
        return RequestEventLoop.backOn(request, check);
    }

    /** Checks the token; never errors: a refused token is a {@link TokenCheck} with the reason. */
    Mono<TokenCheck> check(@Nullable String token) {
        if (decoder == null) {
            return Mono.just(TokenCheck.rejected("this gateway accepts no bearer tokens: no token issuer is configured "
                    + "(ficus.gateway.security.issuer-uri)"));
        }
        if (!StringUtils.hasText(token)) {
            return Mono.just(TokenCheck.rejected("the bearer token is empty"));
        }
        Identity known = verified.get(token);
        if (known != null) {
            if (Instant.now().isBefore(known.expiresAt())) {
                return Mono.just(TokenCheck.verified(known));
            }
            verified.remove(token);
        }
        return Mono.fromCallable(() -> decode(token)).subscribeOn(Schedulers.boundedElastic());
    }

    private TokenCheck decode(String token) {
        Jwt jwt;
        try {
            jwt = decoder.decode(token);
        }
        catch (JwtException e) {
            return TokenCheck.rejected("the bearer token is not valid here: " + e.getMessage());
        }
        if (!StringUtils.hasText(jwt.getSubject()) || jwt.getExpiresAt() == null) {
            return TokenCheck.rejected("the bearer token names no subject");
        }
        Identity identity = new Identity(jwt.getSubject(), words(jwt.getClaims(), rolesPath),
                words(jwt.getClaims(), groupsPath), scopes(jwt.getClaims()), jwt.getExpiresAt());
        remember(token, identity);
        return TokenCheck.verified(identity);
    }

    private void remember(String token, Identity identity) {
        if (capacity == 0) {
            return;
        }
        if (verified.size() >= capacity) {
            Instant now = Instant.now();
            verified.values().removeIf(entry -> !now.isBefore(entry.expiresAt()));
            if (verified.size() >= capacity) {
                // full of live tokens: start over rather than grow; each is verified again on its next use
                verified.clear();
            }
        }
        verified.put(token, identity);
    }

    /** The words at a dotted claim path ({@code realm_access.roles}); none when the path leads nowhere. */
    private static Set<String> words(Map<String, Object> claims, String[] path) {
        Object node = claims;
        for (String step : path) {
            if (!(node instanceof Map<?, ?> map)) {
                return Set.of();
            }
            node = map.get(step);
        }
        return words(node);
    }

    /** {@code scope} (or {@code scp}) as a JSON array (the shop) or a space-separated string (RFC 8693). */
    private static Set<String> scopes(Map<String, Object> claims) {
        Object scope = claims.containsKey("scope") ? claims.get("scope") : claims.get("scp");
        return words(scope);
    }

    private static Set<String> words(@Nullable Object node) {
        Set<String> words = new LinkedHashSet<>();
        if (node instanceof Collection<?> values) {
            values.stream().filter(String.class::isInstance).map(String.class::cast).filter(StringUtils::hasText)
                    .forEach(words::add);
        }
        else if (node instanceof String text) {
            for (String word : text.split(" ")) {
                if (!word.isBlank()) {
                    words.add(word);
                }
            }
        }
        return Set.copyOf(words);
    }
}
