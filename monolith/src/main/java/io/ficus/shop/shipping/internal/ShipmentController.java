package io.ficus.shop.shipping.internal;

import java.util.UUID;

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

    @GetMapping
    ShipmentPage byOrder(@RequestParam UUID orderId) {
        // An order has at most one shipment today: one page holds them all.
        var items = shipments.findByOrder(orderId);
        return new ShipmentPage(items, 0, items.size(), items.size());
    }
}
