package io.ficus.shop.shipping;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.springframework.modulith.events.Externalized;

/**
 * A shipment was prepared for a confirmed order. Externalized to the broker (when externalization is on) for
 * services that follow the shop's shipments.
 *
 * @param eventId derived from the order id: an order gets one shipment, so a duplicate publication carries the
 *                same id
 */
@Externalized("ficus.shipping::shipment.created")
public record ShipmentCreated(UUID eventId, UUID shipmentId, UUID orderId, String customer) {

    public ShipmentCreated(UUID shipmentId, UUID orderId, String customer) {
        this(UUID.nameUUIDFromBytes(("ShipmentCreated:" + orderId).getBytes(StandardCharsets.UTF_8)), shipmentId,
                orderId, customer);
    }
}
