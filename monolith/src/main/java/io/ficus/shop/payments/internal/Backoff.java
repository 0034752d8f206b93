package io.ficus.shop.payments.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with "equal jitter": after the n-th failure the wait is drawn between half and all of
 * {@code initial × 2^(n-1)}, capped at {@code max}, so orders failing together do not retry together.
 */
record Backoff(Duration initial, Duration max) {

    Duration afterFailure(int failures) {
        long ceiling = ceilingMillis(failures);
        long half = ceiling / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(ceiling - half + 1));
    }

    long ceilingMillis(int failures) {
        int exponent = Math.max(0, Math.min(failures - 1, 30));
        long grown = initial.toMillis() << exponent;
        return grown <= 0 ? max.toMillis() : Math.min(grown, max.toMillis());
    }
}
