package io.ficus.services.notifications.events;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the shop's events come from and where the ones that cannot be processed go.
 *
 * @param queue            this service's queue, bound to both exchanges below
 * @param ordersExchange   the monolith's order events (topic exchange; routing keys {@code order.*})
 * @param shippingExchange the monolith's shipping events (topic exchange; routing keys {@code shipment.*})
 * @param deadLetters      where a message that failed every attempt is republished with its reason (direct
 *                         exchange; routing key = {@code queue}, bound to {@code <queue>.dead-letters})
 * @param attempts         how many times a message is tried before it is dead-lettered
 */
@ConfigurationProperties("ficus.notifications.events")
record EventsSettings(
        @DefaultValue("notifications-service.order-events") String queue,
        @DefaultValue("ficus.orders") String ordersExchange,
        @DefaultValue("ficus.shipping") String shippingExchange,
        @DefaultValue("ficus.dead-letters") String deadLetters,
        @DefaultValue("3") int attempts) {

    String deadLetterQueue() {
        return queue + ".dead-letters";
    }
}
