package io.ficus.gateway.admin;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecentLoginsTests {

    private final AtomicLong now = new AtomicLong(1_000);
    private final RecentLogins logins = new RecentLogins(Duration.ofSeconds(30), now::get);

    @Test
    void aVerifiedHeaderIsRememberedUntilItsTimeRunsOut() {
        assertThat(logins.verifiedRecently("Basic YWRtaW46c2VjcmV0")).isFalse();

        logins.verified("Basic YWRtaW46c2VjcmV0");
        now.addAndGet(Duration.ofSeconds(29).toNanos());
        assertThat(logins.verifiedRecently("Basic YWRtaW46c2VjcmV0")).isTrue();

        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(logins.verifiedRecently("Basic YWRtaW46c2VjcmV0")).isFalse();
    }

    @Test
    void onlyTheExactHeaderThatWasVerifiedCounts() {
        logins.verified("Basic YWRtaW46c2VjcmV0");

        assertThat(logins.verifiedRecently("Basic YWRtaW46c2VjcmV1")).isFalse();
        assertThat(logins.verifiedRecently("basic YWRtaW46c2VjcmV0")).isFalse();
        assertThat(logins.verifiedRecently("Basic YWRtaW46c2VjcmV0 ")).isFalse();
    }

    @Test
    void manyDistinctHeadersDoNotGrowItWithoutBound() {
        for (int i = 0; i < 5_000; i++) {
            logins.verified("Basic " + i);
            now.addAndGet(Duration.ofSeconds(1).toNanos());
        }
        assertThat(logins.verifiedRecently("Basic 4999")).isTrue();
        assertThat(logins.verifiedRecently("Basic 0")).isFalse();
    }
}
