package io.ficus.shop.orders;

import java.util.UUID;

/** The order was cancelled, for the given reason; any reserved stock is released. */
public record OrderCancelled(UUID orderId, String customer, String reason) {
}
