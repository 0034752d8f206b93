package io.ficus.shop.notifications.internal;

import java.util.UUID;

import io.ficus.shop.orders.OrderCancelled;
import io.ficus.shop.orders.OrderConfirmed;
import io.ficus.shop.shipping.ShipmentCreated;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Sends one notification per order and type. Sending is a log line today; the stored row is what makes a
 * redelivered event harmless. {@code ficus.notifications.enabled=false} retires the module once
 * notifications-service has taken over: this bean then does not exist, so its listeners neither run nor leave
 * publications in the registry (the HTTP API still serves what was recorded before).
 */
@Component
@ConditionalOnBooleanProperty(name = "ficus.notifications.enabled", matchIfMissing = true)
class CustomerNotifier {

    private static final Logger log = LoggerFactory.getLogger(CustomerNotifier.class);

    private final NotificationRepository notifications;

    CustomerNotifier(NotificationRepository notifications) {
        this.notifications = notifications;
    }

    @ApplicationModuleListener
    void on(OrderConfirmed event) {
        send(event.customer(), event.orderId(), "ORDER_CONFIRMED",
                "Your order " + event.orderId() + " is confirmed: " + event.total().toPlainString() + " " + event.currency());
    }

    @ApplicationModuleListener
    void on(OrderCancelled event) {
        send(event.customer(), event.orderId(), "ORDER_CANCELLED",
                "Your order " + event.orderId() + " was cancelled: " + event.reason());
    }

    @ApplicationModuleListener
    void on(ShipmentCreated event) {
        send(event.customer(), event.orderId(), "SHIPMENT_CREATED",
                "Your order " + event.orderId() + " is being prepared for shipping");
    }

    private void send(String customer, UUID orderId, String type, String message) {
        if (notifications.record(customer, orderId, type, message)) {
            log.info("Notified {} about order {}: {}", customer, orderId, type);
        }
    }
}
