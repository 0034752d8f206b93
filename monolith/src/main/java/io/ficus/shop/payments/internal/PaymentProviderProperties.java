package io.ficus.shop.payments.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where and how to reach the payment provider, and how long to keep trying.
 *
 * @param baseUrl        the provider's base URL; empty starts the built-in sandbox
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout    how long to wait for an answer before treating the call as a transient failure
 * @param retry          how transient failures are retried
 */
@ConfigurationProperties("ficus.payments.provider")
record PaymentProviderProperties(String baseUrl,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("5s") Duration readTimeout,
        @DefaultValue Retry retry) {

    /**
     * Bounded retries of one order's payment.
     *
     * @param initialBackoff wait after the first transient failure; doubled after each further one
     * @param maxBackoff     the longest wait between two calls
     * @param giveUpAfter    from the first call on: after this the provider is asked for the outcome of the
     *                       idempotency key, and the order is cancelled unless it was charged
     * @param pollInterval   how often due retries are looked for
     */
    record Retry(@DefaultValue("1s") Duration initialBackoff,
            @DefaultValue("1m") Duration maxBackoff,
            @DefaultValue("10m") Duration giveUpAfter,
            @DefaultValue("1s") Duration pollInterval) {
    }

    /** How long a claimed call may be in flight before another node may assume it died: beyond both timeouts. */
    Duration lease() {
        return connectTimeout.plus(readTimeout).plusSeconds(5);
    }
}
