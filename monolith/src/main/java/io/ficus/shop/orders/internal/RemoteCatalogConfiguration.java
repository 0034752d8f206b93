package io.ficus.shop.orders.internal;

import java.net.http.HttpClient;
import java.time.Clock;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/** Wires {@link RemoteCatalog} when orders price through catalog-service ({@code ficus.orders.catalog.mode=remote}). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "ficus.orders.catalog.mode", havingValue = "remote")
class RemoteCatalogConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RemoteCatalogConfiguration.class);

    @Bean
    RemoteCatalog remoteCatalog(CatalogClientProperties properties, RestClient.Builder builder, JsonMapper json,
            Environment environment) {
        // HTTP/1.1: the JDK client's h2c upgrade attempt is refused by many servers.
        HttpClient httpClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout()).build();
        JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient);
        requestFactory.setReadTimeout(properties.readTimeout());
        RestClient client = builder.clone().baseUrl(properties.baseUrl()).requestFactory(requestFactory).build();

        // Judged over the last 20 calls (Resilience4j's defaults, 100 calls and 60 s open, react far too slowly).
        CircuitBreaker breaker = CircuitBreaker.of("catalog-service", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(Math.max(20, properties.breakerMinimumCalls()))
                .minimumNumberOfCalls(properties.breakerMinimumCalls())
                .failureRateThreshold(50)
                // the issuer failing to hand out a token says nothing about catalog-service
                .ignoreExceptions(ServiceToken.TokenUnavailable.class)
                .waitDurationInOpenState(properties.breakerOpenFor())
                .permittedNumberOfCallsInHalfOpenState(3)
                .build());
        // Only what may pass by itself is retried; a broken answer or an open breaker is final for this order.
        Retry retry = Retry.of("catalog-service", RetryConfig.custom()
                .maxAttempts(properties.maxAttempts())
                .waitDuration(properties.retryWait())
                .retryExceptions(RemoteCatalog.TransientFailure.class)
                .build());
        return new RemoteCatalog(client, json, breaker, retry,
                new ProductCache(properties.cacheTtl(), properties.cacheMaxEntries()),
                serviceToken(properties, builder.clone().requestFactory(requestFactory).build(), json, environment));
    }

    /**
     * The shop's client-credentials token, when its client has a secret (configured, or generated with demo data by
     * the identity module and handed over as {@code ficus.identity.clients.shop-secret}). Without one the shop calls
     * catalog-service's public reads without a token, and says so once.
     */
    private static ServiceToken serviceToken(CatalogClientProperties properties, RestClient http, JsonMapper json,
            Environment environment) {
        CatalogClientProperties.Token settings = properties.token();
        if (!StringUtils.hasText(settings.clientSecret())) {
            log.info("No secret for client {}: catalog-service is called without a token (its reads are public)",
                    settings.clientId());
            return null;
        }
        String issuer = environment.getProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri");
        Assert.state(settings.tokenUri() != null || StringUtils.hasText(issuer),
                "ficus.orders.catalog.token.token-uri or the issuer (spring.security.oauth2.resourceserver.jwt.issuer-uri) is needed");
        Retry retry = Retry.of("shop-token", RetryConfig.custom()
                .maxAttempts(properties.maxAttempts())
                .waitDuration(properties.retryWait())
                .retryOnException(e -> e instanceof ServiceToken.TokenUnavailable unavailable && unavailable.isTransient())
                .build());
        return new ServiceToken(http, json, new IssuerTokenEndpoint(http, json, issuer, settings.tokenUri()),
                settings.clientId(), settings.clientSecret(), settings.scope(), settings.refreshBefore(), retry,
                Clock.systemUTC());
    }
}
