package io.ficus.shop.payments.internal;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTests {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));

    @Test
    void doublesTheCeilingAfterEachFailureUpToTheMaximum() {
        assertThat(backoff.ceilingMillis(1)).isEqualTo(1_000);
        assertThat(backoff.ceilingMillis(2)).isEqualTo(2_000);
        assertThat(backoff.ceilingMillis(6)).isEqualTo(32_000);
        assertThat(backoff.ceilingMillis(7)).isEqualTo(60_000);
        assertThat(backoff.ceilingMillis(1_000)).isEqualTo(60_000);
    }

    @Test
    void drawsEachWaitBetweenHalfAndAllOfTheCeiling() {
        for (int failures = 1; failures < 12; failures++) {
            long ceiling = backoff.ceilingMillis(failures);
            for (int draw = 0; draw < 200; draw++) {
                assertThat(backoff.afterFailure(failures).toMillis()).isBetween(ceiling / 2, ceiling);
            }
        }
    }

    @Test
    void spreadsTheWaitsOfOrdersFailingTogether() {
        long distinct = java.util.stream.IntStream.range(0, 50)
                .mapToObj(i -> backoff.afterFailure(5)).distinct().count();
        assertThat(distinct).isGreaterThan(10);
    }
}
