package io.ficus.shop.orders.internal;

import io.ficus.shop.inventory.StockReserved;
import io.ficus.shop.inventory.StockShortageDetected;
import io.ficus.shop.orders.OrderCancelled;
import io.ficus.shop.orders.OrderPlaced;
import io.ficus.shop.payments.PaymentAuthorized;
import io.ficus.shop.payments.PaymentDeclined;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The order saga's steps. Each runs in its own transaction after the previous one committed, and its event
 * publication stays incomplete (and is retried) until the step succeeds.
 */
@Component
class OrderSaga {

    private final OrderService orders;
    private final InventoryClient inventory;

    OrderSaga(OrderService orders, InventoryClient inventory) {
        this.orders = orders;
        this.inventory = inventory;
    }

    @ApplicationModuleListener
    void on(OrderPlaced event) {
        inventory.reserve(event.orderId(), event.lines());
    }

    @ApplicationModuleListener
    void on(StockReserved event) {
        orders.requestPayment(event.orderId());
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

    /** Compensation: whatever cancelled the order, the stock it held goes back. */
    @ApplicationModuleListener
    void on(OrderCancelled event) {
        inventory.release(event.orderId());
    }
}
