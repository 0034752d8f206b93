package io.ficus.services.catalog.sync;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Following the monolith's product changes while it still owns the writes.
 *
 * @param enabled     listen to {@code catalog-service.product-changes} (declared with its binding and dead
 *                    letters at startup)
 * @param maxAttempts deliveries of one message before it goes to the dead-letter queue with its reason
 * @param backoff     pause before the second attempt, doubled for each further one
 */
@ConfigurationProperties("ficus.catalog.sync")
record SyncSettings(@DefaultValue("true") boolean enabled, @DefaultValue("3") int maxAttempts,
        @DefaultValue("200ms") Duration backoff) {
}
