package io.ficus.shop.shipping.internal;

import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The shipping HTTP API: the shipments of an order. */
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
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return new ShipmentPage(shipments.findByOrder(orderId, page, size), page, size, shipments.countByOrder(orderId));
    }
}
