package io.ficus.shop.orders.internal;

import java.math.BigDecimal;

/** The fields a saga step needs of an order: its status and what the next events carry. */
record OrderHead(OrderStatus status, String customer, BigDecimal total, String currency) {
}
