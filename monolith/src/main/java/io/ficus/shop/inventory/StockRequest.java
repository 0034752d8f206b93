package io.ficus.shop.inventory;

/** A quantity of one SKU asked for by a reservation. */
public record StockRequest(String sku, int quantity) {
}
