package io.ficus.shop.inventory;

import java.util.UUID;

/** The stock reserved for an order went back to available. */
public record StockReleased(UUID orderId) {
}
