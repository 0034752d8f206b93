package io.ficus.shop.payments;

/** The payments module's synchronous API. */
public interface PaymentAuthorizer {

    /**
     * Authorizes the order's amount with the provider and publishes {@link PaymentAuthorized} or
     * {@link PaymentDeclined}. An order that already has a decision is not sent to the provider again.
     *
     * @throws PaymentProviderUnavailableException when the provider failed transiently (5xx, timeout,
     *         connection reset); nothing is recorded and the call may be retried
     */
    void authorize(PaymentRequest request);
}
