package io.ficus.shop.payments;

import java.math.BigDecimal;
import java.util.UUID;

/** The amount to authorize for one order. */
public record PaymentRequest(UUID orderId, String customer, BigDecimal amount, String currency) {
}
