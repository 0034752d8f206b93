package io.ficus.gateway.protection;

import reactor.core.publisher.Mono;

/** Counts requests per caller in fixed windows. */
interface RateLimitStore {

    /** Counts one request of {@code key}; says whether it is allowed and, if not, when to retry. */
    Mono<Decision> hit(String key);

    /** @param retryAfterSeconds whole seconds until the window ends (at least 1) */
    record Decision(boolean allowed, long retryAfterSeconds) {

        static final Decision ALLOWED = new Decision(true, 0);
    }
}
