package io.ficus.shop.payments.internal;

import io.ficus.shop.payments.PaymentAuthorized;
import io.ficus.shop.payments.PaymentAuthorizer;
import io.ficus.shop.payments.PaymentDeclined;
import io.ficus.shop.payments.PaymentRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Asks the provider once per order and publishes its decision. */
@Service
@Transactional
class PaymentService implements PaymentAuthorizer {

    private static final Logger log = LoggerFactory.getLogger(PaymentService.class);

    private final PaymentRepository payments;
    private final PaymentProviderClient provider;
    private final ApplicationEventPublisher events;

    PaymentService(PaymentRepository payments, PaymentProviderClient provider, ApplicationEventPublisher events) {
        this.payments = payments;
        this.provider = provider;
        this.events = events;
    }

    @Override
    public void authorize(PaymentRequest request) {
        if (payments.statusOf(request.orderId()).isPresent()) {
            log.info("Order {} already has a payment decision; not charging again", request.orderId());
            return;
        }
        ProviderDecision decision = provider.authorize(request);
        if (!payments.record(request, decision)) {
            return;
        }
        events.publishEvent(decision.approved()
                ? new PaymentAuthorized(request.orderId(), decision.reference())
                : new PaymentDeclined(request.orderId(), decision.reason()));
    }
}
