package io.ficus.shop.orders;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** A customer placed an order; it is PENDING until stock and payment are settled. */
public record OrderPlaced(UUID orderId, String customer, List<OrderLine> lines, BigDecimal total, String currency) {

    public OrderPlaced {
        lines = List.copyOf(lines);
    }
}
