package io.ficus.shop.payments.internal;

import java.util.concurrent.RejectedExecutionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Looks for payments whose next provider call is due and hands each to the task executor. The payment row's
 * claim, not this loop, guarantees a single call in flight per order, so several nodes may run it at once.
 */
@Component
class PaymentRetryScheduler implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(PaymentRetryScheduler.class);

    private static final int BATCH = 50;

    private final PaymentRepository payments;
    private final PaymentService service;
    private final AsyncTaskExecutor executor;
    private final PaymentProviderProperties settings;

    PaymentRetryScheduler(PaymentRepository payments, PaymentService service, @Qualifier("applicationTaskExecutor") AsyncTaskExecutor executor,
            PaymentProviderProperties settings) {
        this.payments = payments;
        this.service = service;
        this.executor = executor;
        this.settings = settings;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::retryDuePayments, settings.retry().pollInterval());
    }

    void retryDuePayments() {
        try {
            payments.due(BATCH).forEach(orderId -> executor.execute(() -> service.attempt(orderId)));
        }
        catch (RejectedExecutionException e) {
            // Shutting down: the rows stay due and the next start picks them up.
            log.debug("Payment retries not submitted: {}", e.getMessage());
        }
        catch (RuntimeException e) {
            // The database may be briefly unavailable; the next run tries again.
            log.warn("Could not look for due payment retries: {}", e.getMessage());
        }
    }
}
