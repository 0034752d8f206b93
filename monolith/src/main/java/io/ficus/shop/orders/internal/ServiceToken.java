package io.ficus.shop.orders.internal;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import io.github.resilience4j.retry.Retry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shop's own access token towards catalog-service (client credentials of {@code ficus-shop}, the narrowest scope,
 * {@code catalog.read}), never a user's: fetched from the issuer's token endpoint (named by its OIDC metadata unless
 * configured), kept until shortly before it expires, fetched again sooner only when catalog-service refuses it.
 * Fetches are retried a bounded number of times; one that still fails leaves no token and says why.
 */
class ServiceToken {

    private static final Logger log = LoggerFactory.getLogger(ServiceToken.class);

    private final RestClient http;
    private final JsonMapper json;
    private final Supplier<URI> tokenEndpoint;
    private final String clientId;
    private final String clientSecret;
    private final String scope;
    private final Duration refreshBefore;
    private final Retry retry;
    private final Clock clock;
    private Issued current;

    ServiceToken(RestClient http, JsonMapper json, Supplier<URI> tokenEndpoint, String clientId, String clientSecret,
            String scope, Duration refreshBefore, Retry retry, Clock clock) {
        this.http = http;
        this.json = json;
        this.tokenEndpoint = tokenEndpoint;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.scope = scope;
        this.refreshBefore = refreshBefore;
        this.retry = retry;
        this.clock = clock;
    }

    /** A token valid for at least {@code refreshBefore} more; callers wait while one is fetched. */
    synchronized String value() {
        Instant now = clock.instant();
        if (current == null || !now.isBefore(current.expiresAt().minus(refreshBefore))) {
            current = Retry.decorateSupplier(retry, this::fetch).get();
        }
        return current.value();
    }

    /** catalog-service refused this token (revoked key, clock skew): the next call fetches a new one. */
    synchronized void refused(String token) {
        if (current != null && current.value().equals(token)) {
            current = null;
        }
    }

    private Issued fetch() {
        URI endpoint = tokenEndpoint.get();
        Instant asked = clock.instant();
        try {
            return http.post().uri(endpoint)
                    .headers(headers -> headers.setBasicAuth(clientId, clientSecret))
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .accept(MediaType.APPLICATION_JSON)
                    .body("grant_type=client_credentials&scope=" + scope)
                    .exchange((request, response) -> {
                        int status = response.getStatusCode().value();
                        if (response.getStatusCode().is5xxServerError()) {
                            throw new TokenUnavailable("the token endpoint answered " + status, true);
                        }
                        if (status != 200) {
                            // a wrong secret or scope does not heal by itself
                            throw new TokenUnavailable("the token endpoint refused " + clientId + ": " + status, false);
                        }
                        return issued(response.getBody().readAllBytes(), asked);
                    });
        }
        catch (ResourceAccessException e) {
            throw new TokenUnavailable("the token endpoint " + endpoint + " is unreachable: " + e.getMessage(), true);
        }
    }

    private Issued issued(byte[] body, Instant asked) {
        JsonNode answer;
        try {
            answer = json.readTree(body);
        }
        catch (JacksonException e) {
            throw new TokenUnavailable("the token endpoint answered no JSON", false);
        }
        JsonNode token = answer == null ? null : answer.get("access_token");
        if (token == null || !token.isString() || token.asString().isBlank()) {
            throw new TokenUnavailable("the token endpoint answered no access_token", false);
        }
        JsonNode expiresIn = answer.get("expires_in");
        // without expires_in (RFC 6749 makes it optional) the token is kept no longer than the margin itself
        long seconds = expiresIn != null && expiresIn.isNumber() ? expiresIn.asLong() : refreshBefore.toSeconds();
        log.debug("Got a {} token for catalog-service, valid {} s", clientId, seconds);
        return new Issued(token.asString(), asked.plusSeconds(seconds));
    }

    /** @param expiresAt when the issuer says it expires, counted from when it was asked for */
    private record Issued(String value, Instant expiresAt) {
    }

    /** No token could be had; {@code transient} when trying again may help (issuer down, 5xx). */
    static class TokenUnavailable extends RuntimeException {

        private final boolean transientFailure;

        TokenUnavailable(String message, boolean transientFailure) {
            super(message);
            this.transientFailure = transientFailure;
        }

        boolean isTransient() {
            return transientFailure;
        }
    }
}
