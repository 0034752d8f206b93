package io.ficus.services.notifications.notification;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Recorded notifications, one per event and one per order and kind: a redelivered or twice-published event
 * finds its row already there and records nothing.
 */
@Repository
public class NotificationStore {

    private final JdbcClient jdbc;

    NotificationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the notification; returns false if its event (or its order and kind) was already recorded. */
    public boolean record(NewNotification n) {
        return jdbc.sql("insert into notifications.notification (id, event_id, customer, order_id, type, message)"
                        + " values (:id, :eventId, :customer, :orderId, :type, :message) on conflict do nothing")
                .param("id", UUID.randomUUID()).param("eventId", n.eventId()).param("customer", n.customer())
                .param("orderId", n.orderId()).param("type", n.type()).param("message", n.message())
                .update() == 1;
    }

    List<Notification> findByCustomer(String customer, int page, int size) {
        return jdbc.sql("select id, customer, order_id, type, message, sent_at from notifications.notification"
                        + " where customer = :customer order by sent_at desc, id limit :limit offset :offset")
                .param("customer", customer).param("limit", size).param("offset", (long) page * size)
                .query(Notification.class).list();
    }

    long countByCustomer(String customer) {
        return jdbc.sql("select count(*) from notifications.notification where customer = :customer")
                .param("customer", customer).query(Long.class).single();
    }

    List<ExportItem> exportAfter(String after, int limit) {
        return jdbc.sql("select order_id::text || ':' || type as key, customer, order_id, type, message"
                        + " from notifications.notification where order_id::text || ':' || type > :after"
                        + " order by key limit :limit")
                .param("after", after == null ? "" : after).param("limit", limit)
                .query(ExportItem.class).list();
    }
}
