package io.ficus.services.notifications.notification;

import java.util.UUID;

/**
 * A notification to record, derived from one event.
 *
 * @param eventId  the event's id: the same event delivered twice carries the same id
 * @param customer who is told
 * @param orderId  the order it is about
 * @param type     ORDER_CONFIRMED, ORDER_CANCELLED or SHIPMENT_CREATED
 * @param message  the text sent
 */
public record NewNotification(UUID eventId, String customer, UUID orderId, String type, String message) {
}
