package io.ficus.shop.inventory.internal;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** Admin body that sets the available quantity of a SKU (a stock count or a restock). */
record StockUpdate(@NotNull @Min(0) @Max(1_000_000) Integer available) {
}
