package io.ficus.shop.inventory;

import java.util.List;
import java.util.UUID;

/** The inventory's synchronous API: reserving and releasing stock for an order. */
public interface StockReservations {

    /**
     * Reserves every line or none, and publishes {@link StockReserved} or {@link StockShortageDetected}. Reserving an
     * order a second time changes nothing and publishes nothing.
     */
    void reserve(UUID orderId, List<StockRequest> lines);

    /**
     * Gives the stock reserved for an order back; publishes {@link StockReleased} the first time. Does
     * nothing for an order without a reservation.
     */
    void release(UUID orderId);
}
