package io.ficus.shop.payments;

import java.util.UUID;

/** The provider refused the amount of an order, for the given reason. */
public record PaymentDeclined(UUID orderId, String reason) {
}
