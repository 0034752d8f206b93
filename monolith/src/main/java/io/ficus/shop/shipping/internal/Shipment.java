package io.ficus.shop.shipping.internal;

import java.time.Instant;
import java.util.UUID;

/** A parcel on its way to a customer. */
record Shipment(UUID id, UUID orderId, String status, Instant createdAt) {
}
