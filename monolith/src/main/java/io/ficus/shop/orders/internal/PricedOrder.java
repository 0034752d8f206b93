package io.ficus.shop.orders.internal;

import java.math.BigDecimal;
import java.util.List;

import io.ficus.shop.orders.OrderLine;

/** An order priced from the catalog, ready to be stored: lines as shown and as published, total and currency. */
record PricedOrder(List<OrderView.Line> lines, List<OrderLine> eventLines, BigDecimal total, String currency) {
}
