package io.ficus.shop.inventory.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.ficus.shop.inventory.StockReleased;
import io.ficus.shop.inventory.StockRequest;
import io.ficus.shop.inventory.StockReservations;
import io.ficus.shop.inventory.StockReserved;
import io.ficus.shop.inventory.StockShortageDetected;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reserves all lines of an order or none. The reservation row keyed by order id makes a repeated call
 * (an event delivered twice) a no-op.
 */
@Service
@Transactional
class StockReservationService implements StockReservations {

    private final StockRepository stock;
    private final ApplicationEventPublisher events;

    StockReservationService(StockRepository stock, ApplicationEventPublisher events) {
        this.stock = stock;
        this.events = events;
    }

    @Override
    public void reserve(UUID orderId, List<StockRequest> lines) {
        Map<String, Integer> wanted = lines.stream()
                .collect(Collectors.toMap(StockRequest::sku, StockRequest::quantity, Integer::sum, LinkedHashMap::new));
        Map<String, StockLevel> levels = stock.lockAll(wanted.keySet()).stream()
                .collect(Collectors.toMap(StockLevel::sku, Function.identity()));
        List<String> missing = new ArrayList<>();
        wanted.forEach((sku, quantity) -> {
            StockLevel level = levels.get(sku);
            int available = level == null ? 0 : level.available();
            if (available < quantity) {
                missing.add(sku + " (requested " + quantity + ", available " + available + ")");
            }
        });
        if (!missing.isEmpty()) {
            String reason = "Insufficient stock: " + String.join(", ", missing);
            if (stock.recordReservation(orderId, "SHORTAGE", reason)) {
                events.publishEvent(new StockShortageDetected(orderId, reason));
            }
            return;
        }
        if (!stock.recordReservation(orderId, "RESERVED", null)) {
            return;
        }
        wanted.forEach((sku, quantity) -> {
            stock.take(sku, quantity);
            stock.recordLine(orderId, new ReservedLine(sku, quantity));
        });
        events.publishEvent(new StockReserved(orderId));
    }

    @Override
    public void release(UUID orderId) {
        if (!stock.markReleased(orderId)) {
            return;
        }
        stock.linesOf(orderId).forEach(line -> stock.giveBack(line.sku(), line.quantity()));
        events.publishEvent(new StockReleased(orderId));
    }
}
