package io.ficus.shop.inventory;

import java.util.UUID;

/** An order could not be reserved; nothing was taken from stock. */
public record StockShortageDetected(UUID orderId, String reason) {
}
