package io.ficus.shop.shipping;

import java.util.UUID;

/** A shipment was prepared for a confirmed order. */
public record ShipmentCreated(UUID shipmentId, UUID orderId, String customer) {
}
