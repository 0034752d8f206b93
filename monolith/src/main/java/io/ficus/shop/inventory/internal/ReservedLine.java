package io.ficus.shop.inventory.internal;

/** A quantity of one SKU held by a reservation. */
record ReservedLine(String sku, int quantity) {
}
