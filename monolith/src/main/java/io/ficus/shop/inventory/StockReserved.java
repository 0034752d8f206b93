package io.ficus.shop.inventory;

import java.util.UUID;

/** Every line of an order is now reserved. */
public record StockReserved(UUID orderId) {
}
