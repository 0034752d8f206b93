package io.ficus.shop.shipping.internal;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Shipments in the {@code shipping} schema, at most one per order. */
@Repository
class ShipmentRepository {

    private final JdbcClient jdbc;

    ShipmentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates the order's shipment; returns false if it already has one. */
    boolean create(UUID id, UUID orderId, String customer) {
        return jdbc.sql("insert into shipping.shipment (id, order_id, customer, status) values (:id, :orderId, :customer, 'PREPARING')"
                        + " on conflict (order_id) do nothing")
                .param("id", id).param("orderId", orderId).param("customer", customer).update() == 1;
    }

    List<Shipment> findByOrder(UUID orderId, int page, int size) {
        return jdbc.sql("select id, order_id, status, created_at from shipping.shipment where order_id = :orderId"
                        + " order by created_at desc, id limit :size offset :offset")
                .param("orderId", orderId).param("size", size).param("offset", (long) page * size)
                .query(Shipment.class).list();
    }

    /** The order's shipments if the order is the customer's; none otherwise. */
    List<Shipment> findByOrderOf(UUID orderId, String customer, int page, int size) {
        return jdbc.sql("select id, order_id, status, created_at from shipping.shipment"
                        + " where order_id = :orderId and customer = :customer"
                        + " order by created_at desc, id limit :size offset :offset")
                .param("orderId", orderId).param("customer", customer).param("size", size)
                .param("offset", (long) page * size).query(Shipment.class).list();
    }

    long countByOrderOf(UUID orderId, String customer) {
        return jdbc.sql("select count(*) from shipping.shipment where order_id = :orderId and customer = :customer")
                .param("orderId", orderId).param("customer", customer).query(Long.class).single();
    }

    long countByOrder(UUID orderId) {
        return jdbc.sql("select count(*) from shipping.shipment where order_id = :orderId")
                .param("orderId", orderId).query(Long.class).single();
    }
}
