package io.ficus.shop.payments.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import io.ficus.shop.payments.PaymentAbandoned;
import io.ficus.shop.payments.PaymentAuthorized;
import io.ficus.shop.payments.PaymentAuthorizer;
import io.ficus.shop.payments.PaymentDeclined;
import io.ficus.shop.payments.PaymentRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drives one order's payment to a decision. Every database step is its own short transaction and the provider
 * is called between them, never inside one: a slow provider holds no lock and no connection. A claim on the
 * payment row keeps at most one provider call per order in flight; a transient failure schedules the next
 * call with backoff, and once the give-up window has passed the provider is asked for the outcome of the
 * idempotency key instead, so a charged order is authorized and only an uncharged one is abandoned.
 */
@Service
class PaymentService implements PaymentAuthorizer {

    static final String PROVIDER_UNAVAILABLE = "Payment provider unavailable";

    private static final Logger log = LoggerFactory.getLogger(PaymentService.class);

    private final PaymentRepository payments;
    private final PaymentProviderClient provider;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final PaymentProviderProperties settings;
    private final Backoff backoff;

    PaymentService(PaymentRepository payments, PaymentProviderClient provider, ApplicationEventPublisher events,
            TransactionTemplate tx, PaymentProviderProperties settings) {
        this.payments = payments;
        this.provider = provider;
        this.events = events;
        this.tx = tx;
        this.settings = settings;
        this.backoff = new Backoff(settings.retry().initialBackoff(), settings.retry().maxBackoff());
    }

    @Override
    public void authorize(PaymentRequest request) {
        Optional<PaymentRepository.Claim> first = payments.openClaimed(request, settings.retry().giveUpAfter(), settings.lease());
        if (first.isPresent()) {
            call(first.get());
        }
        else {
            // a redelivered request: the order already has a payment, decided or retried on its own schedule
            attempt(request.orderId());
        }
    }

    /** Makes the order's next provider call if it is due and no other call is in flight; otherwise does nothing. */
    void attempt(UUID orderId) {
        payments.claim(orderId, settings.lease()).ifPresent(this::call);
    }

    private void call(PaymentRepository.Claim claim) {
        UUID orderId = claim.request().orderId();
        try {
            if (claim.overdue()) {
                settle(claim, provider.outcomeOf(orderId));
            }
            else {
                decide(orderId, provider.authorize(claim.request()));
            }
        }
        catch (ProviderUnavailableException e) {
            Duration wait = backoff.afterFailure(claim.attempt());
            payments.reschedule(orderId, wait, e.getMessage());
            log.info("Payment of order {}: provider unavailable on call {} ({}); next call in {} ms", orderId,
                    claim.attempt(), e.getMessage(), wait.toMillis());
        }
    }

    /** After the give-up window: confirm what the provider charged, abandon what it never did. */
    private void settle(PaymentRepository.Claim claim, Optional<ProviderDecision> outcome) {
        UUID orderId = claim.request().orderId();
        if (outcome.isPresent()) {
            log.info("Payment of order {}: give-up window passed, provider reports it {}", orderId,
                    outcome.get().approved() ? "charged" : "declined");
            decide(orderId, outcome.get());
            return;
        }
        boolean abandoned = Boolean.TRUE.equals(tx.execute(status -> {
            if (!payments.decide(orderId, "ABANDONED", null, PROVIDER_UNAVAILABLE)) {
                return false;
            }
            events.publishEvent(new PaymentAbandoned(orderId, PROVIDER_UNAVAILABLE));
            return true;
        }));
        if (abandoned) {
            log.warn("Payment of order {} abandoned after {} call(s): the provider stayed unavailable for {} and has no"
                    + " record of a charge", orderId, claim.attempt() - 1, settings.retry().giveUpAfter());
        }
    }

    private void decide(UUID orderId, ProviderDecision decision) {
        tx.executeWithoutResult(status -> {
            if (!payments.decide(orderId, decision.approved() ? "AUTHORIZED" : "DECLINED", decision.reference(),
                    decision.reason())) {
                return;
            }
            events.publishEvent(decision.approved()
                    ? new PaymentAuthorized(orderId, decision.reference())
                    : new PaymentDeclined(orderId, decision.reason()));
        });
    }
}
