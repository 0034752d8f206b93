package io.ficus.shop.orders.internal;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the orders module reaches the catalog to price order lines.
 *
 * @param mode             {@code in-process} (the catalog module in this JVM) or {@code remote} (catalog-service
 *                         over HTTP)
 * @param baseUrl          catalog-service's base URL, for {@code remote}
 * @param connectTimeout   how long to wait for a connection to catalog-service
 * @param readTimeout      how long to wait for its answer
 * @param maxAttempts      attempts per product read, the first included (only timeouts and 5xx are retried)
 * @param retryWait        pause between attempts
 * @param breakerMinimumCalls calls the breaker must see before it judges the failure rate
 * @param breakerOpenFor   how long an open breaker refuses calls before letting a few through again
 * @param cacheTtl         how long a product read stays usable for pricing
 * @param cacheMaxEntries  most products kept in that cache
 * @param token            the shop's own token towards catalog-service
 */
@ConfigurationProperties("ficus.orders.catalog")
record CatalogClientProperties(
        @DefaultValue("in-process") Mode mode,
        @DefaultValue("http://localhost:8082") String baseUrl,
        @DefaultValue("1s") Duration connectTimeout,
        @DefaultValue("2s") Duration readTimeout,
        @DefaultValue("3") int maxAttempts,
        @DefaultValue("100ms") Duration retryWait,
        @DefaultValue("10") int breakerMinimumCalls,
        @DefaultValue("10s") Duration breakerOpenFor,
        @DefaultValue("2s") Duration cacheTtl,
        @DefaultValue("10000") int cacheMaxEntries,
        @DefaultValue Token token) {

    /**
     * The shop's client credentials towards catalog-service (never a user's token).
     *
     * @param clientId      the shop's client at the issuer
     * @param clientSecret  its secret; empty: calls go without a token (application.yml hands over the identity
     *                      module's {@code ficus.identity.clients.shop-secret}, generated there with demo data)
     * @param scope         the narrowest scope that reads the catalog
     * @param tokenUri      the issuer's token endpoint; empty: named by the metadata of
     *                      {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}
     * @param refreshBefore a token is replaced this long before it expires, so none expires on its way
     */
    record Token(@DefaultValue("ficus-shop") String clientId, String clientSecret,
            @DefaultValue("catalog.read") String scope, URI tokenUri, @DefaultValue("30s") Duration refreshBefore) {
    }

    /** Where the catalog lives. */
    enum Mode {
        IN_PROCESS, REMOTE
    }
}
