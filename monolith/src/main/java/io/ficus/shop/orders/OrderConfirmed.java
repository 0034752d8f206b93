package io.ficus.shop.orders;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.springframework.modulith.events.Externalized;

/**
 * Stock is reserved and payment authorized: the order will be shipped. Externalized to the broker (when
 * externalization is on) for services that follow the shop's orders.
 *
 * @param eventId derived from the order id: an order is confirmed at most once, so a second publication of the
 *                same confirmation (a re-run step, a resubmitted publication) carries the same id and a consumer
 *                deduplicating by it records nothing twice
 */
@Externalized("ficus.orders::order.confirmed")
public record OrderConfirmed(UUID eventId, UUID orderId, String customer, BigDecimal total, String currency) {

    public OrderConfirmed(UUID orderId, String customer, BigDecimal total, String currency) {
        this(UUID.nameUUIDFromBytes(("OrderConfirmed:" + orderId).getBytes(StandardCharsets.UTF_8)), orderId,
                customer, total, currency);
    }
}
