package io.ficus.shop.orders.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.ficus.shop.orders.OrderCancelled;
import io.ficus.shop.orders.OrderConfirmed;
import io.ficus.shop.orders.OrderPlaced;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Places orders and moves them through their states. Every transition checks the current status under a
 * row lock, so a redelivered event finds the order already moved on and changes nothing.
 */
@Service
@Transactional
class OrderService {

    private static final Logger log = LoggerFactory.getLogger(OrderService.class);

    private final OrderRepository orders;
    private final ApplicationEventPublisher events;

    OrderService(OrderRepository orders, ApplicationEventPublisher events) {
        this.orders = orders;
        this.events = events;
    }

    /**
     * Stores the customer's order, priced beforehand by {@link OrderPricing} (outside this transaction), and announces
     * it. The customer is the authenticated caller, never a field of the request.
     */
    OrderView place(String customer, PricedOrder priced) {
        List<OrderView.Line> lines = priced.lines();
        BigDecimal total = priced.total();
        String currency = priced.currency();
        UUID id = UUID.randomUUID();
        orders.insert(id, customer, total, currency, lines);
        orders.addHistory(id, "PLACED", OrderStatus.PENDING, "Order placed");
        events.publishEvent(new OrderPlaced(id, customer, priced.eventLines(), total, currency));
        log.info("Order {} placed: {} line(s), {} {}", id, lines.size(), total.toPlainString(), currency);
        return orders.find(id).orElseThrow();
    }

    /**
     * Stock is held: records the step and returns what the payment needs, or empty when the order already
     * moved on. The provider is called by the caller after this short transaction has committed.
     */
    Optional<OrderHead> stockReserved(UUID id) {
        OrderHead order = orders.lockHead(id).orElseThrow();
        if (order.status() != OrderStatus.PENDING) {
            return Optional.empty();
        }
        orders.addHistory(id, "STOCK_RESERVED", OrderStatus.PENDING, "Stock reserved");
        return Optional.of(order);
    }

    void confirm(UUID id, String note) {
        leavePending(id, OrderStatus.CONFIRMED, null, note).ifPresent(order -> events.publishEvent(
                new OrderConfirmed(id, order.customer(), order.total(), order.currency())));
    }

    void cancel(UUID id, String reason) {
        leavePending(id, OrderStatus.CANCELLED, reason, reason).ifPresent(order -> events.publishEvent(
                new OrderCancelled(id, order.customer(), reason)));
    }

    /** Moves a PENDING order to its final status; empty when it had already left PENDING (a redelivery). */
    private Optional<OrderHead> leavePending(UUID id, OrderStatus to, String reason, String note) {
        OrderHead order = orders.lockHead(id).orElseThrow();
        if (order.status() != OrderStatus.PENDING) {
            return Optional.empty();
        }
        orders.updateStatus(id, to, reason);
        orders.addHistory(id, to.name(), to, note);
        return Optional.of(order);
    }
}
