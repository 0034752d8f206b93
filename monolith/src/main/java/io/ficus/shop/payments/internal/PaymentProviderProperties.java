package io.ficus.shop.payments.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where and how to reach the payment provider.
 *
 * @param baseUrl        the provider's base URL; empty starts the built-in sandbox
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout    how long to wait for an answer before treating the call as a transient failure
 */
@ConfigurationProperties("ficus.payments.provider")
record PaymentProviderProperties(String baseUrl,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("5s") Duration readTimeout) {
}
