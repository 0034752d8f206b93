package io.ficus.shop.inventory.internal;

/** Stock of one SKU: free to sell, and held by reservations. */
record StockLevel(String sku, int available, int reserved) {
}
