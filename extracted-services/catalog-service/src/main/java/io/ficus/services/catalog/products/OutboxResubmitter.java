package io.ficus.services.catalog.products;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Sends again the product changes the broker did not confirm (down, nacked, returned unroutable), in bounded
 * batches on a fixed delay, until it does: nothing written here is lost while the broker is away.
 */
@Component
class OutboxResubmitter implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(OutboxResubmitter.class);

    private final FailedEventPublications failedPublications;
    private final OutboxSettings settings;

    OutboxResubmitter(FailedEventPublications failedPublications, OutboxSettings settings) {
        this.failedPublications = failedPublications;
        this.settings = settings;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::resubmitFailedPublications, settings.resubmitInterval());
    }

    void resubmitFailedPublications() {
        try {
            failedPublications.resubmit(ResubmissionOptions.defaults()
                    .withMinAge(settings.minAge())
                    .withBatchSize(settings.batchSize())
                    .withMaxInFlight(settings.batchSize()));
        }
        catch (RuntimeException e) {
            // The database may be briefly unavailable; the next run tries again.
            log.warn("Could not resubmit failed product change publications: {}", e.getMessage());
        }
    }
}
