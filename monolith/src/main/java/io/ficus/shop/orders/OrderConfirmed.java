package io.ficus.shop.orders;

import java.math.BigDecimal;
import java.util.UUID;

/** Stock is reserved and payment authorized: the order will be shipped. */
public record OrderConfirmed(UUID orderId, String customer, BigDecimal total, String currency) {
}
