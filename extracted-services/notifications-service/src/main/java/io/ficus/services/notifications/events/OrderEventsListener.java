package io.ficus.services.notifications.events;

import io.ficus.services.notifications.notification.NewNotification;
import io.ficus.services.notifications.notification.NotificationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/**
 * Records a notification for every order or shipment event of the shop. The message is acknowledged only after
 * the row is committed, so a crash in between redelivers it and the store's dedup by event id records nothing
 * twice. No ordering is relied on: each event yields its own notification, whatever arrived before it.
 */
@Component
class OrderEventsListener {

    private static final Logger log = LoggerFactory.getLogger(OrderEventsListener.class);

    private final OrderEventReader reader;
    private final NotificationStore notifications;

    OrderEventsListener(OrderEventReader reader, NotificationStore notifications) {
        this.reader = reader;
        this.notifications = notifications;
    }

    @RabbitListener(id = "order-events", queues = "#{orderEventsQueue.name}")
    void on(Message message) {
        NewNotification notification = reader.read(message);
        if (notifications.record(notification)) {
            log.info("Notified {} about order {}: {} (event {})", notification.customer(), notification.orderId(),
                    notification.type(), notification.eventId());
        }
        else {
            log.info("Event {} ({} of order {}) was already recorded: skipped", notification.eventId(),
                    notification.type(), notification.orderId());
        }
    }
}
