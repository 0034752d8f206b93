package io.ficus.services.catalog.products;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
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
    private final JdbcClient jdbc;
    private final OutboxSettings settings;

    private long lastReportedBacklog;

    OutboxResubmitter(FailedEventPublications failedPublications, JdbcClient jdbc, OutboxSettings settings) {
        this.failedPublications = failedPublications;
        this.jdbc = jdbc;
        this.settings = settings;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::resubmitFailedPublications, settings.resubmitInterval());
    }

    void resubmitFailedPublications() {
        try {
            reportBacklog();
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

    /**
     * One line when the number of unconfirmed changes moves, instead of a stack trace per failed send (that
     * logger is switched off in application.yml): typically no queue is bound to ficus.catalog-service yet.
     */
    private void reportBacklog() {
        long backlog = jdbc.sql("select count(*) from catalog.event_publication where status = 'FAILED'")
                .query(Long.class).single();
        if (backlog != lastReportedBacklog) {
            if (backlog > 0) {
                log.warn("{} product changes not confirmed by the broker yet (down, or nothing bound to exchange "
                        + "ficus.catalog-service); resubmitting every {} ms", backlog, settings.resubmitInterval().toMillis());
            }
            else {
                log.info("Every product change has been confirmed by the broker");
            }
            lastReportedBacklog = backlog;
        }
    }
}
