package io.ficus.shop.orders.internal;

import java.util.List;

/** One page of a customer's orders, newest first; {@code size} is the page size asked for. */
record OrderPage(List<OrderView> items, int page, int size, long total) {
}
