package io.ficus.shop.orders.internal;

import io.ficus.shop.inventory.StockReserved;
import io.ficus.shop.inventory.StockShortageDetected;
import io.ficus.shop.orders.OrderCancelled;
import io.ficus.shop.orders.OrderPlaced;
import io.ficus.shop.payments.PaymentAbandoned;
import io.ficus.shop.payments.PaymentAuthorized;
import io.ficus.shop.payments.PaymentDeclined;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

/**
 * The order saga's steps. Each runs in its own transaction after the previous one committed, and its event
 * publication stays incomplete (and is retried) until the step succeeds.
 */
@Component
class OrderSaga {

    static final String PAYMENT_PROVIDER_UNAVAILABLE = "Payment provider unavailable";

    private final OrderService orders;
    private final InventoryClient inventory;
    private final PaymentsClient payments;

    OrderSaga(OrderService orders, InventoryClient inventory, PaymentsClient payments) {
        this.orders = orders;
        this.inventory = inventory;
        this.payments = payments;
    }

    @ApplicationModuleListener
    void on(OrderPlaced event) {
        inventory.reserve(event.orderId(), event.lines());
    }

    /**
     * Runs without a transaction of its own: the order's step commits first, then the provider is called, so a
     * slow provider holds no order lock and no connection. Payments retries transient failures itself.
     */
    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(StockReserved event) {
        orders.stockReserved(event.orderId()).ifPresent(order ->
                payments.authorize(event.orderId(), order.customer(), order.total(), order.currency()));
    }

    @ApplicationModuleListener
    void on(StockShortageDetected event) {
        orders.cancel(event.orderId(), event.reason());
    }

    @ApplicationModuleListener
    void on(PaymentAuthorized event) {
        orders.confirm(event.orderId(), "Payment authorized (" + event.providerReference() + ")");
    }

    @ApplicationModuleListener
    void on(PaymentDeclined event) {
        orders.cancel(event.orderId(), "Payment declined: " + event.reason());
    }

    @ApplicationModuleListener
    void on(PaymentAbandoned event) {
        orders.cancel(event.orderId(), PAYMENT_PROVIDER_UNAVAILABLE);
    }

    /** Compensation: whatever cancelled the order, the stock it held goes back. */
    @ApplicationModuleListener
    void on(OrderCancelled event) {
        inventory.release(event.orderId());
    }
}
