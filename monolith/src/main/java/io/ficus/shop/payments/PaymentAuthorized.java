package io.ficus.shop.payments;

import java.util.UUID;

/** The provider authorized the amount of an order. */
public record PaymentAuthorized(UUID orderId, String providerReference) {
}
