package io.ficus.gateway.shadow;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** At most one second's worth of copies at once, then one per interval; zero means unlimited. */
class CopyRateTests {

    private final AtomicLong now = new AtomicLong(TimeUnit.HOURS.toNanos(5));

    @Test
    void allowsABurstOfOneSecondsWorthThenOnePerInterval() {
        CopyRate rate = new CopyRate(20, now::get);

        assertThat(admitted(rate, 100)).isEqualTo(20);
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(49));
        assertThat(rate.tryAcquire()).isFalse();
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(1));
        assertThat(rate.tryAcquire()).isTrue();
        assertThat(rate.tryAcquire()).isFalse();

        now.addAndGet(TimeUnit.SECONDS.toNanos(10)); // idle time does not pile up beyond one burst
        assertThat(admitted(rate, 100)).isEqualTo(20);
    }

    @Test
    void keepsTheRateOverTime() {
        CopyRate rate = new CopyRate(20, now::get);
        int admitted = 0;
        for (int millisecond = 0; millisecond < 10_000; millisecond++) {
            admitted += admitted(rate, 3);
            now.addAndGet(TimeUnit.MILLISECONDS.toNanos(1));
        }
        assertThat(admitted).isBetween(200, 220); // 20 a second for 10 s, plus the first burst
    }

    @Test
    void exhaustedExactlyWhenACopyWouldBeRefusedAndWithoutUsingOneUp() {
        CopyRate rate = new CopyRate(20, now::get);
        assertThat(rate.exhausted()).isFalse();
        assertThat(admitted(rate, 19)).isEqualTo(19);
        assertThat(rate.exhausted()).isFalse();
        assertThat(rate.exhausted()).isFalse(); // asking twice takes nothing
        assertThat(rate.tryAcquire()).isTrue();
        assertThat(rate.exhausted()).isTrue();
        assertThat(rate.tryAcquire()).isFalse();

        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(50));
        assertThat(rate.exhausted()).isFalse();
        assertThat(rate.tryAcquire()).isTrue();
        assertThat(rate.exhausted()).isTrue();
    }

    @Test
    void zeroMeansNoLimit() {
        CopyRate rate = new CopyRate(0, now::get);
        assertThat(admitted(rate, 10_000)).isEqualTo(10_000);
        assertThat(rate.exhausted()).isFalse();
    }

    private static int admitted(CopyRate rate, int tries) {
        int admitted = 0;
        for (int i = 0; i < tries; i++) {
            if (rate.tryAcquire()) {
                admitted++;
            }
        }
        return admitted;
    }
}
