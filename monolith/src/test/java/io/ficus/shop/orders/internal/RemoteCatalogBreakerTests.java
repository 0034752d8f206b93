package io.ficus.shop.orders.internal;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.ficus.shop.DomainException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Once catalog-service keeps failing, the breaker opens and orders fail fast without calling it at all. */
class RemoteCatalogBreakerTests {

    private WireMockServer catalogService;
    private CircuitBreaker breaker;
    private RemoteCatalog remote;

    @BeforeEach
    void setUp() {
        catalogService = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        catalogService.start();
        catalogService.stubFor(get(urlPathMatching("/api/catalog/products/.*")).willReturn(aResponse().withStatus(503)));
        breaker = CircuitBreaker.of("test", CircuitBreakerConfig.custom()
                .slidingWindowSize(4).minimumNumberOfCalls(4).failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofMinutes(1)).build());
        Retry retry = Retry.of("test", RetryConfig.custom().maxAttempts(2).waitDuration(Duration.ofMillis(1))
                .retryExceptions(RemoteCatalog.TransientFailure.class).build());
        remote = new RemoteCatalog(RestClient.builder().baseUrl(catalogService.baseUrl()).build(),
                JsonMapper.builder().build(), breaker, retry, new ProductCache(Duration.ZERO, 10), null);
    }

    @AfterEach
    void tearDown() {
        catalogService.stop();
    }

    private int calls() {
        return catalogService.countRequestsMatching(getRequestedFor(urlPathMatching("/api/catalog/products/.*")).build())
                .getCount();
    }

    @Test
    void opensAfterRepeatedFailuresAndThenRefusesWithoutCalling() {
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> remote.productsBySku(List.of("B-1")))
                    .isInstanceOfSatisfying(OrderRefused.class,
                            e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.UNAVAILABLE));
        }
        assertThat(calls()).isEqualTo(4);
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);

        assertThatThrownBy(() -> remote.productsBySku(List.of("B-1")))
                .isInstanceOfSatisfying(OrderRefused.class,
                        e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.UNAVAILABLE));
        assertThat(calls()).isEqualTo(4);
    }
}
