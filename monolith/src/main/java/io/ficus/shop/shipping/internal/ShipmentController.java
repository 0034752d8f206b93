package io.ficus.shop.shipping.internal;

import java.util.UUID;

import io.ficus.platform.security.Caller;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The shipping HTTP API: the shipments of an order. A customer sees only the shipments of their own orders; asking
 * for another customer's order gets an empty page, what an unknown order gets (ADR 0016). Staff see all.
 */
@RestController
@RequestMapping("/api/shipments")
class ShipmentController {

    private final ShipmentRepository shipments;

    ShipmentController(ShipmentRepository shipments) {
        this.shipments = shipments;
    }

    /** The order's shipments; {@code size} is the page size, as everywhere in the API. */
    @GetMapping
    ShipmentPage listShipments(@RequestParam UUID orderId,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size, JwtAuthenticationToken token) {
        Caller caller = Caller.of(token);
        if (caller.hasRole("staff")) {
            return new ShipmentPage(shipments.findByOrder(orderId, page, size), page, size,
                    shipments.countByOrder(orderId));
        }
        return new ShipmentPage(shipments.findByOrderOf(orderId, caller.login(), page, size), page, size,
                shipments.countByOrderOf(orderId, caller.login()));
    }
}
