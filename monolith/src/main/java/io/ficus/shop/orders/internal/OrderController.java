package io.ficus.shop.orders.internal;

import java.net.URI;
import java.util.Optional;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The orders HTTP API. */
@RestController
@RequestMapping("/api/orders")
class OrderController {

    private final OrderPricing pricing;
    private final OrderService orderService;
    private final OrderRepository orders;

    OrderController(OrderPricing pricing, OrderService orderService, OrderRepository orders) {
        this.pricing = pricing;
        this.orderService = orderService;
        this.orders = orders;
    }

    /** Accepts any order whose SKUs exist; one that cannot be filled ends CANCELLED with a reason. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<OrderView> placeOrder(@Valid @RequestBody PlaceOrderRequest request) {
        // priced first, outside the order's transaction: the catalog may be a remote service
        OrderView order = orderService.place(request, pricing.price(request));
        return ResponseEntity.created(URI.create("/api/orders/" + order.id())).body(order);
    }

    /** The customer's orders, newest first. */
    @GetMapping
    @Transactional(readOnly = true)
    OrderPage listOrders(@RequestParam @NotBlank @Size(max = 254) String customer,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        String who = customer.strip().toLowerCase();
        return new OrderPage(orders.findByCustomer(who, page, size), page, size, orders.countByCustomer(who));
    }

    @GetMapping("/{id}")
    @Transactional(readOnly = true)
    OrderView getOrder(@PathVariable String id) {
        return parse(id).flatMap(orders::find)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "Unknown order " + id));
    }

    private static Optional<UUID> parse(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        }
        catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
