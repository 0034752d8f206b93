package io.ficus.platform.jwtkeys;

import java.time.Duration;

import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jwt.SignedJWT;
import io.ficus.platform.testing.TestIssuer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The warm-up fetches the issuer's keys in the background before any token arrives, keeps trying while the issuer
 * is down, a bounded number of times, and stops when closed; a token's key is then found without another fetch.
 */
class IssuerKeysWarmUpTests {

    final TestIssuer issuer = TestIssuer.start();

    @AfterEach
    void stopIssuer() {
        issuer.close();
    }

    @Test
    void fetchesTheKeysBeforeTheFirstToken() throws Exception {
        try (IssuerKeys keys = keys(Duration.ofSeconds(30))) {
            keys.warmUpInBackground();
            await().atMost(Duration.ofSeconds(30)).until(() -> issuer.keySetRequests() == 1);

            String keyId = SignedJWT.parse(issuer.customer("ann@example.com")).getHeader().getKeyID();
            assertThat(keys.get(new JWKSelector(new JWKMatcher.Builder().keyID(keyId).build()), null)).hasSize(1);
            assertThat(issuer.keySetRequests()).isEqualTo(1);
        }
    }

    @Test
    void givesUpAfterBoundedTriesWhileTheIssuerIsDown() {
        issuer.available(false);
        try (IssuerKeys keys = keys(Duration.ofMillis(50))) {
            keys.warmUpInBackground();
            await().atMost(Duration.ofSeconds(30)).until(() -> issuer.metadataRequests() == IssuerKeys.WARM_UP_ATTEMPTS);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                    .until(() -> issuer.metadataRequests() == IssuerKeys.WARM_UP_ATTEMPTS);
            assertThat(issuer.keySetRequests()).isZero();
        }
    }

    @Test
    void keepsTryingUntilTheIssuerIsBack() {
        issuer.available(false);
        try (IssuerKeys keys = keys(Duration.ofMillis(500))) {
            keys.warmUpInBackground();
            await().atMost(Duration.ofSeconds(30)).until(() -> issuer.metadataRequests() >= 1);
            issuer.available(true);
            await().atMost(Duration.ofSeconds(30)).until(() -> issuer.keySetRequests() == 1);
            assertThat(issuer.metadataRequests()).isLessThan(IssuerKeys.WARM_UP_ATTEMPTS + 1);
        }
    }

    @Test
    void closingStopsTheWarmUp() {
        issuer.available(false);
        IssuerKeys keys = keys(Duration.ofMillis(300));
        keys.warmUpInBackground();
        await().atMost(Duration.ofSeconds(30)).until(() -> issuer.metadataRequests() >= 1);
        keys.close();
        int triedBeforeClosing = issuer.metadataRequests();
        // without the close, three more tries would come within this second; one already under way may still land
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> issuer.metadataRequests() <= triedBeforeClosing + 1);
    }

    private IssuerKeys keys(Duration minRefetchInterval) {
        return new IssuerKeys(issuer.issuer(), Duration.ofMinutes(5), minRefetchInterval, Duration.ofSeconds(3));
    }
}
