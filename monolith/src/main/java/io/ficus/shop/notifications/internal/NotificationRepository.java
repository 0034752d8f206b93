package io.ficus.shop.notifications.internal;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Sent notifications in the {@code notifications} schema, one per order and type. */
@Repository
class NotificationRepository {

    private final JdbcClient jdbc;

    NotificationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a notification; returns false if this order already had one of this type. */
    boolean record(String customer, UUID orderId, String type, String message) {
        return jdbc.sql("insert into notifications.notification (id, customer, order_id, type, message)"
                        + " values (:id, :customer, :orderId, :type, :message) on conflict (order_id, type) do nothing")
                .param("id", UUID.randomUUID()).param("customer", customer).param("orderId", orderId)
                .param("type", type).param("message", message).update() == 1;
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
