package io.ficus.shop.orders;

import java.math.BigDecimal;

/** One priced line of an order. */
public record OrderLine(String sku, int quantity, BigDecimal unitPrice) {
}
