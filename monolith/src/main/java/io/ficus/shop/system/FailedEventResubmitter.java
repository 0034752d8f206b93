package io.ficus.shop.system;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Retries event publications whose listener failed (for example the payment provider answered 5xx), so a
 * saga step completes once the cause goes away instead of waiting for the next restart. Publications stuck
 * in processing (the application died mid-listener) are marked failed by Modulith's staleness monitor and
 * picked up here as well.
 */
@Component
class FailedEventResubmitter implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(FailedEventResubmitter.class);

    private final FailedEventPublications failedPublications;
    private final ResubmissionOptions options;
    private final Duration interval;

    FailedEventResubmitter(FailedEventPublications failedPublications, ShopSettings settings) {
        this.failedPublications = failedPublications;
        this.options = ResubmissionOptions.defaults().withMinAge(settings.events().retryMinAge()).withBatchSize(100);
        this.interval = settings.events().retryInterval();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::resubmitFailedPublications, interval, interval));
    }

    void resubmitFailedPublications() {
        try {
            failedPublications.resubmit(options);
        }
        catch (RuntimeException e) {
            // The database may be briefly unavailable; the next run tries again.
            log.warn("Could not resubmit failed event publications: {}", e.getMessage());
        }
    }
}
