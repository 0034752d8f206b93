package io.ficus.shop.orders.internal;

import java.net.http.HttpClient;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/** Wires {@link RemoteCatalog} when orders price through catalog-service ({@code ficus.orders.catalog.mode=remote}). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "ficus.orders.catalog.mode", havingValue = "remote")
class RemoteCatalogConfiguration {

    @Bean
    RemoteCatalog remoteCatalog(CatalogClientProperties properties, RestClient.Builder builder, JsonMapper json) {
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
                new ProductCache(properties.cacheTtl(), properties.cacheMaxEntries()));
    }
}
