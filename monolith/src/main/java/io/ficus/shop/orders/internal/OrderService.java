package io.ficus.shop.orders.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.ficus.shop.catalog.ProductSummary;
import io.ficus.shop.orders.OrderCancelled;
import io.ficus.shop.orders.OrderConfirmed;
import io.ficus.shop.orders.OrderLine;
import io.ficus.shop.orders.OrderPlaced;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * Places orders and moves them through their states. Every transition checks the current status under a
 * row lock, so a redelivered event finds the order already moved on and changes nothing.
 */
@Service
@Transactional
class OrderService {

    private static final Logger log = LoggerFactory.getLogger(OrderService.class);

    private final OrderRepository orders;
    private final CatalogClient catalog;
    private final PaymentsClient payments;
    private final ApplicationEventPublisher events;

    OrderService(OrderRepository orders, CatalogClient catalog, PaymentsClient payments,
            ApplicationEventPublisher events) {
        this.orders = orders;
        this.catalog = catalog;
        this.payments = payments;
        this.events = events;
    }

    OrderView place(PlaceOrderRequest request) {
        Set<String> skus = request.lines().stream().map(PlaceOrderRequest.Line::sku)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Map<String, ProductSummary> products = catalog.productsBySku(skus);
        List<String> unknown = skus.stream().filter(sku -> !products.containsKey(sku)).toList();
        if (!unknown.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "Unknown SKU: " + String.join(", ", unknown));
        }
        Set<String> currencies = products.values().stream().map(ProductSummary::currency).collect(Collectors.toSet());
        if (currencies.size() > 1) {
            throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_CONTENT,
                    "An order cannot mix currencies: " + currencies);
        }
        String currency = currencies.iterator().next();
        List<OrderView.Line> lines = new ArrayList<>();
        List<OrderLine> eventLines = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (PlaceOrderRequest.Line line : request.lines()) {
            ProductSummary product = products.get(line.sku());
            lines.add(new OrderView.Line(product.sku(), product.name(), line.quantity(), product.price()));
            eventLines.add(new OrderLine(product.sku(), line.quantity(), product.price()));
            total = total.add(product.price().multiply(BigDecimal.valueOf(line.quantity())));
        }
        UUID id = UUID.randomUUID();
        String customer = request.customer().strip().toLowerCase();
        orders.insert(id, customer, total, currency, lines);
        orders.addHistory(id, "PLACED", OrderStatus.PENDING, "Order placed");
        events.publishEvent(new OrderPlaced(id, customer, eventLines, total, currency));
        log.info("Order {} placed: {} line(s), {} {}", id, lines.size(), total.toPlainString(), currency);
        return orders.find(id).orElseThrow();
    }

    /** Stock is held: ask for the money. A transient provider failure rolls this step back for a retry. */
    void requestPayment(UUID id) {
        OrderHead order = orders.lockHead(id).orElseThrow();
        if (order.status() != OrderStatus.PENDING) {
            return;
        }
        orders.addHistory(id, "STOCK_RESERVED", OrderStatus.PENDING, "Stock reserved");
        payments.authorize(id, order.customer(), order.total(), order.currency());
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
