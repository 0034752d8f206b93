package io.ficus.shop.catalog;

import java.math.BigDecimal;

/** What other modules may know of a product: enough to price an order line. */
public record ProductSummary(String sku, String name, BigDecimal price, String currency) {
}
