package io.ficus.services.notifications.notification;

import java.time.Instant;
import java.util.UUID;

/** A message sent to a customer about one of their orders (the monolith's JSON shape, field for field). */
record Notification(UUID id, String customer, UUID orderId, String type, String message, Instant sentAt) {
}
