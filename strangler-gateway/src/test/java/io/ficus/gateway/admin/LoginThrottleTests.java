package io.ficus.gateway.admin;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.ficus.gateway.GatewaySettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Failed logins per client: free at first, then each further failure locks out twice as long, up to a ceiling. */
class LoginThrottleTests {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final LoginThrottle throttle = new LoginThrottle(
            new GatewaySettings.LoginThrottle(3, Duration.ofSeconds(1), Duration.ofSeconds(5)), now::get);

    @Test
    void locksOutLongerAfterEveryFailurePastTheFreeOnesUpToTheCeiling() {
        assertThat(throttle.failed("a")).isZero();
        assertThat(throttle.failed("a")).isZero();
        assertThat(throttle.failed("a")).isZero();
        assertThat(throttle.failed("a")).isEqualTo(Duration.ofSeconds(1));
        assertThat(throttle.failed("a")).isEqualTo(Duration.ofSeconds(2));
        assertThat(throttle.failed("a")).isEqualTo(Duration.ofSeconds(4));
        assertThat(throttle.failed("a")).isEqualTo(Duration.ofSeconds(5));
        assertThat(throttle.failed("a")).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aLockRunsOutAndASuccessForgetsTheClient() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("b");
        }
        assertThat(throttle.retryAfter("b")).isEqualTo(Duration.ofSeconds(1));
        assertThat(throttle.retryAfter("c")).as("other clients").isZero();

        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(throttle.retryAfter("b")).isZero();

        throttle.succeeded("b");
        assertThat(throttle.failed("b")).as("counting starts again").isZero();
    }
}
