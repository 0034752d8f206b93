package io.ficus.shop.orders.internal;

import java.util.List;
import java.util.UUID;

import io.ficus.shop.inventory.StockRequest;
import io.ficus.shop.inventory.StockReservations;
import io.ficus.shop.orders.OrderLine;
import org.springframework.stereotype.Component;

/** The orders module's only way into the inventory. */
@Component
class InventoryClient {

    private final StockReservations reservations;

    InventoryClient(StockReservations reservations) {
        this.reservations = reservations;
    }

    void reserve(UUID orderId, List<OrderLine> lines) {
        reservations.reserve(orderId, lines.stream().map(l -> new StockRequest(l.sku(), l.quantity())).toList());
    }

    void release(UUID orderId) {
        reservations.release(orderId);
    }
}
