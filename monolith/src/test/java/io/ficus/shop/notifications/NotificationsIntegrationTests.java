package io.ficus.shop.notifications;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import io.ficus.shop.EventRegistry;
import io.ficus.shop.orders.OrderCancelled;
import io.ficus.shop.orders.OrderConfirmed;
import io.ficus.shop.shipping.ShipmentCreated;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;

import static org.assertj.core.api.Assertions.assertThat;

/** Notifications: one message per order and kind, however often the event arrives. */
@ApplicationModuleTest
class NotificationsIntegrationTests {

    @Autowired
    JdbcClient jdbc;

    @Test
    void notifiesCustomerOfConfirmationShipmentAndCancellation(Scenario scenario) {
        UUID confirmedOrder = UUID.randomUUID();
        UUID cancelledOrder = UUID.randomUUID();

        scenario.stimulate((tx, publisher) -> {
                    tx.executeWithoutResult(status -> {
                    publisher.publishEvent(new OrderConfirmed(confirmedOrder, "nia@example.com", new BigDecimal("5.00"), "EUR"));
                    publisher.publishEvent(new ShipmentCreated(UUID.randomUUID(), confirmedOrder, "nia@example.com"));
                    publisher.publishEvent(new OrderCancelled(cancelledOrder, "nia@example.com", "Out of stock"));
                    });
                })
                .andWaitForStateChange(() -> typesFor("nia@example.com"), types -> types.size() == 3)
                .andVerify(types -> assertThat(types)
                        .containsExactlyInAnyOrder("ORDER_CONFIRMED", "SHIPMENT_CREATED", "ORDER_CANCELLED"));
    }

    @Test
    void notifiesOnceWhenEventIsDeliveredTwice(Scenario scenario) {
        UUID orderId = UUID.randomUUID();
        OrderCancelled cancelled = new OrderCancelled(orderId, "omar@example.com", "Payment declined");
        EventRegistry registry = new EventRegistry(jdbc);

        scenario.publish(cancelled)
                .andWaitForStateChange(() -> typesFor("omar@example.com"), types -> !types.isEmpty())
                .andVerify(types -> registry.awaitQuiet());
        // The same event again, as a redelivery after a crash would bring it.
        scenario.publish(cancelled)
                .andWaitForStateChange(() -> registry.incomplete() == 0)
                .andVerify(quiet -> assertThat(typesFor("omar@example.com")).containsExactly("ORDER_CANCELLED"));
    }

    private List<String> typesFor(String customer) {
        return jdbc.sql("select type from notifications.notification where customer = :c").param("c", customer)
                .query(String.class).list();
    }
}
