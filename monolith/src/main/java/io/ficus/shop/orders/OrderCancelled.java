package io.ficus.shop.orders;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.springframework.modulith.events.Externalized;

/**
 * The order was cancelled, for the given reason; any reserved stock is released. Externalized to the broker
 * (when externalization is on) for services that follow the shop's orders.
 *
 * @param eventId derived from the order id: an order is cancelled at most once, so a duplicate publication
 *                carries the same id
 */
@Externalized("ficus.orders::order.cancelled")
public record OrderCancelled(UUID eventId, UUID orderId, String customer, String reason) {

    public OrderCancelled(UUID orderId, String customer, String reason) {
        this(UUID.nameUUIDFromBytes(("OrderCancelled:" + orderId).getBytes(StandardCharsets.UTF_8)), orderId,
                customer, reason);
    }
}
