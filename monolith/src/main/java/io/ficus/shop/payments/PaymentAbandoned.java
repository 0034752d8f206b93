package io.ficus.shop.payments;

import java.util.UUID;

/**
 * The provider could not be reached within the give-up window and, asked afterwards for the outcome of the
 * order's idempotency key, had no record of a charge: the order will never be paid.
 */
public record PaymentAbandoned(UUID orderId, String reason) {
}
