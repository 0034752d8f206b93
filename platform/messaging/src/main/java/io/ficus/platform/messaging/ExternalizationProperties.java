package io.ficus.platform.messaging;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the confirmed externalization of {@code @Externalized} events to the AMQP broker.
 *
 * @param enabled        whether events are externalized at all; off by default so an application runs without
 *                       a broker
 * @param confirmTimeout how long a publish may wait for the broker's confirm before the publication counts as
 *                       failed (and is resubmitted later)
 */
@ConfigurationProperties("ficus.messaging.externalization")
public record ExternalizationProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("10s") Duration confirmTimeout) {

    static final String ENABLED = "ficus.messaging.externalization.enabled";
}
