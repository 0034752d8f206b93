package io.ficus.shop.orders.internal;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shop's own token: asked for with its client credentials, kept until shortly before it expires, bounded retries. */
class ServiceTokenTests {

    private WireMockServer issuer;
    private MutableClock clock;
    private ServiceToken token;

    @BeforeEach
    void setUp() {
        issuer = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        issuer.start();
        clock = new MutableClock(Instant.parse("2026-12-01T12:00:00Z"));
        Retry retry = Retry.of("test", RetryConfig.custom().maxAttempts(3).waitDuration(Duration.ofMillis(1))
                .retryOnException(e -> e instanceof ServiceToken.TokenUnavailable unavailable && unavailable.isTransient())
                .build());
        token = new ServiceToken(RestClient.create(), JsonMapper.builder().build(),
                () -> URI.create(issuer.baseUrl() + "/oauth2/token"), "ficus-shop", "s3cret", "catalog.read",
                Duration.ofSeconds(30), retry, clock);
    }

    @AfterEach
    void tearDown() {
        issuer.stop();
    }

    @Test
    void asksWithItsClientCredentialsAndKeepsTheTokenUntilShortlyBeforeItExpires() {
        issue("{\"access_token\": \"first\", \"token_type\": \"Bearer\", \"expires_in\": 300}");

        assertThat(token.value()).isEqualTo("first");
        clock.advance(Duration.ofSeconds(269));
        assertThat(token.value()).isEqualTo("first");
        assertThat(tokenRequests()).isEqualTo(1);
        issuer.verify(postRequestedFor(urlPathEqualTo("/oauth2/token"))
                .withHeader("Authorization", equalTo("Basic ZmljdXMtc2hvcDpzM2NyZXQ="))
                .withRequestBody(containing("grant_type=client_credentials"))
                .withRequestBody(containing("scope=catalog.read")));

        issue("{\"access_token\": \"second\", \"token_type\": \"Bearer\", \"expires_in\": 300}");
        clock.advance(Duration.ofSeconds(2));
        assertThat(token.value()).as("30 s before expiry it is replaced").isEqualTo("second");
        assertThat(tokenRequests()).isEqualTo(2);
    }

    @Test
    void aRefusedTokenIsReplacedAtTheNextCall() {
        issue("{\"access_token\": \"first\", \"expires_in\": 300}");
        assertThat(token.value()).isEqualTo("first");
        issue("{\"access_token\": \"second\", \"expires_in\": 300}");

        token.refused("someone else's");
        assertThat(token.value()).as("a refusal of another token changes nothing").isEqualTo("first");
        token.refused("first");
        assertThat(token.value()).isEqualTo("second");
    }

    @Test
    void retriesAnIssuerThatFailsABoundedNumberOfTimes() {
        issuer.stubFor(post(urlPathEqualTo("/oauth2/token")).willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(token::value).isInstanceOf(ServiceToken.TokenUnavailable.class).hasMessageContaining("503");
        assertThat(tokenRequests()).isEqualTo(3);
    }

    @Test
    void doesNotRetryAWrongSecretOrAnAnswerWithoutAToken() {
        issuer.stubFor(post(urlPathEqualTo("/oauth2/token")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"error\": \"invalid_client\"}")));
        assertThatThrownBy(token::value).isInstanceOf(ServiceToken.TokenUnavailable.class).hasMessageContaining("401");
        assertThat(tokenRequests()).isEqualTo(1);

        issue("{\"token_type\": \"Bearer\"}");
        assertThatThrownBy(token::value).hasMessageContaining("no access_token");
        assertThat(tokenRequests()).isEqualTo(2);
    }

    private void issue(String json) {
        issuer.resetMappings();
        issuer.stubFor(post(urlPathEqualTo("/oauth2/token")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(json)));
    }

    private int tokenRequests() {
        return issuer.countRequestsMatching(postRequestedFor(urlPathEqualTo("/oauth2/token")).build()).getCount();
    }

    /** A clock the test moves: token expiry is judged without waiting for it. */
    private static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
