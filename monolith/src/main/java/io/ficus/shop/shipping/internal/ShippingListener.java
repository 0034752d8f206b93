package io.ficus.shop.shipping.internal;

import java.util.UUID;

import io.ficus.shop.orders.OrderConfirmed;
import io.ficus.shop.shipping.ShipmentCreated;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Prepares a shipment for each confirmed order; a redelivered confirmation ships nothing twice. */
@Component
class ShippingListener {

    private final ShipmentRepository shipments;
    private final ApplicationEventPublisher events;

    ShippingListener(ShipmentRepository shipments, ApplicationEventPublisher events) {
        this.shipments = shipments;
        this.events = events;
    }

    @ApplicationModuleListener
    void on(OrderConfirmed event) {
        UUID shipmentId = UUID.randomUUID();
        if (shipments.create(shipmentId, event.orderId(), event.customer())) {
            events.publishEvent(new ShipmentCreated(shipmentId, event.orderId(), event.customer()));
        }
    }
}
