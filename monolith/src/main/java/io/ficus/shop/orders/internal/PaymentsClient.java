package io.ficus.shop.orders.internal;

import java.math.BigDecimal;
import java.util.UUID;

import io.ficus.shop.payments.PaymentAuthorizer;
import io.ficus.shop.payments.PaymentRequest;
import org.springframework.stereotype.Component;

/** The orders module's only way into payments. */
@Component
class PaymentsClient {

    private final PaymentAuthorizer authorizer;

    PaymentsClient(PaymentAuthorizer authorizer) {
        this.authorizer = authorizer;
    }

    /** Calls the provider: never from inside a transaction. */
    void authorize(UUID orderId, String customer, BigDecimal amount, String currency) {
        authorizer.authorize(new PaymentRequest(orderId, customer, amount, currency));
    }
}
