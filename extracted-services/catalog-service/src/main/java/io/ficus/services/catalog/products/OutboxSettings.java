package io.ficus.services.catalog.products;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the outbox of own product changes retries publications the broker did not confirm.
 *
 * @param resubmitInterval pause between two resubmission runs
 * @param minAge           a failed publication younger than this waits for the next run
 * @param batchSize        at most this many publications are resubmitted per run
 */
@ConfigurationProperties("ficus.catalog.outbox")
record OutboxSettings(@DefaultValue("5s") Duration resubmitInterval, @DefaultValue("2s") Duration minAge,
        @DefaultValue("100") int batchSize) {
}
