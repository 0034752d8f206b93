package io.ficus.shop.orders.internal;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.ficus.platform.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The orders HTTP API. Every order belongs to the customer who placed it (the token's login, ADR 0016): a customer
 * places orders only as themselves and sees only their own; another customer's order answers 404, exactly like an
 * order that does not exist, so ids cannot be probed. Staff see every order.
 */
@RestController
@RequestMapping("/api/orders")
class OrderController {

    private static final String STAFF = "staff";

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
    ResponseEntity<OrderView> placeOrder(@Valid @RequestBody PlaceOrderRequest request, JwtAuthenticationToken token) {
        Caller caller = Caller.of(token);
        if (caller.login().isEmpty()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Your token names no customer to order for");
        }
        if (request.customer() != null && !caller.is(request.customer())) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN,
                    "An order is placed for the customer of the token: leave 'customer' out or send your own login");
        }
        // priced first, outside the order's transaction: the catalog may be a remote service
        OrderView order = orderService.place(caller.login(), pricing.price(request));
        return ResponseEntity.created(URI.create("/api/orders/" + order.id())).body(order);
    }

    /**
     * A customer's orders, newest first. A customer may leave {@code customer} out (their own); asking for someone
     * else's gets an empty page, what an address that never ordered gets. Staff name the customer.
     */
    @GetMapping
    @Transactional(readOnly = true)
    OrderPage listOrders(@RequestParam(required = false) @Size(max = 254) String customer,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size, JwtAuthenticationToken token) {
        Caller caller = Caller.of(token);
        boolean staff = caller.hasRole(STAFF);
        if (customer == null || customer.isBlank()) {
            if (staff) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "customer is required");
            }
            customer = caller.login();
        }
        String who = customer.strip().toLowerCase();
        if (!staff && !caller.is(who)) {
            return new OrderPage(List.of(), page, size, 0);
        }
        return new OrderPage(orders.findByCustomer(who, page, size), page, size, orders.countByCustomer(who));
    }

    @GetMapping("/{id}")
    @Transactional(readOnly = true)
    OrderView getOrder(@PathVariable String id, JwtAuthenticationToken token) {
        Caller caller = Caller.of(token);
        return parse(id).flatMap(orders::find)
                .filter(order -> caller.hasRole(STAFF) || caller.is(order.customer()))
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
