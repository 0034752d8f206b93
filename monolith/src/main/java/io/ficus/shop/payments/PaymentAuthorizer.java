package io.ficus.shop.payments;

/** The payments module's synchronous API. */
public interface PaymentAuthorizer {

    /**
     * Opens the order's payment and makes its first provider call, outside any database transaction. The
     * outcome is published as {@link PaymentAuthorized}, {@link PaymentDeclined} or, once the provider stayed
     * unavailable for the give-up window and reports no charge, {@link PaymentAbandoned}. A transient failure
     * is retried by the payments module itself with exponential backoff; at most one provider call per order
     * is in flight, and an order that already has a decision is not sent to the provider again. Must not be
     * called inside a transaction: it would hold that transaction open for the length of a remote call.
     */
    void authorize(PaymentRequest request);
}
