package io.ficus.shop.shipping;

import java.math.BigDecimal;
import java.util.UUID;

import io.ficus.shop.EventRegistry;
import io.ficus.shop.orders.OrderConfirmed;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;

import static org.assertj.core.api.Assertions.assertThat;

/** Shipping reacts to confirmed orders, once each. */
@ApplicationModuleTest
class ShippingIntegrationTests {

    @Autowired
    JdbcClient jdbc;

    @Test
    void createsShipmentForConfirmedOrder(Scenario scenario) {
        UUID orderId = UUID.randomUUID();

        scenario.publish(new OrderConfirmed(orderId, "sam@example.com", new BigDecimal("9.99"), "EUR"))
                .andWaitForEventOfType(ShipmentCreated.class)
                .matching(event -> event.orderId().equals(orderId))
                .toArriveAndVerify(event -> {
                    assertThat(event.customer()).isEqualTo("sam@example.com");
                    assertThat(shipmentsOf(orderId)).isOne();
                });
    }

    @Test
    void shipsOnceWhenConfirmationIsDeliveredTwice(Scenario scenario) {
        UUID orderId = UUID.randomUUID();
        OrderConfirmed confirmed = new OrderConfirmed(orderId, "sam@example.com", new BigDecimal("9.99"), "EUR");

        EventRegistry registry = new EventRegistry(jdbc);
        scenario.publish(confirmed).andWaitForEventOfType(ShipmentCreated.class)
                .matching(event -> event.orderId().equals(orderId)).toArrive();
        registry.awaitQuiet();
        // The same event again, as a redelivery after a crash would bring it.
        scenario.publish(confirmed).andWaitForStateChange(() -> registry.incomplete() == 0)
                .andVerify(quiet -> assertThat(shipmentsOf(orderId)).isOne());
    }

    private long shipmentsOf(UUID orderId) {
        return jdbc.sql("select count(*) from shipping.shipment where order_id = :id").param("id", orderId)
                .query(Long.class).single();
    }
}
