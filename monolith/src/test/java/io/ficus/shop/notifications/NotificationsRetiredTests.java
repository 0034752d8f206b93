package io.ficus.shop.notifications;

import java.math.BigDecimal;
import java.util.UUID;

import io.ficus.shop.orders.OrderCancelled;
import io.ficus.shop.orders.OrderConfirmed;
import io.ficus.shop.shipping.ShipmentCreated;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module once notifications-service has taken over: with {@code ficus.notifications.enabled=false} its
 * listeners do not exist, so the events it used to handle record nothing and leave no publication behind.
 */
@ApplicationModuleTest
@TestPropertySource(properties = "ficus.notifications.enabled=false")
class NotificationsRetiredTests {

    @Autowired
    ApplicationContext context;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Test
    void recordsNothingAndRegistersNoListenerWhenSwitchedOff() {
        UUID orderId = UUID.randomUUID();

        transactions.executeWithoutResult(status -> {
            events.publishEvent(new OrderConfirmed(orderId, "retired@example.com", new BigDecimal("5.00"), "EUR"));
            events.publishEvent(new ShipmentCreated(UUID.randomUUID(), orderId, "retired@example.com"));
            events.publishEvent(new OrderCancelled(UUID.randomUUID(), "retired@example.com", "Out of stock"));
        });

        assertThat(context.containsBean("customerNotifier")).isFalse();
        assertThat(jdbc.sql("select count(*) from event_publication").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from notifications.notification").query(Long.class).single()).isZero();
    }
}
