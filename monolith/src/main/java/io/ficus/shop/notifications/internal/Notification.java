package io.ficus.shop.notifications.internal;

import java.time.Instant;
import java.util.UUID;

/** A message sent to a customer about one of their orders. */
record Notification(UUID id, String customer, UUID orderId, String type, String message, Instant sentAt) {
}
