package io.ficus.shop.inventory.internal;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stock levels and reservations in the {@code inventory} schema. */
@Repository
class StockRepository {

    private final JdbcClient jdbc;

    StockRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<StockLevel> find(String sku) {
        return jdbc.sql("select sku, available, reserved from inventory.stock where sku = :sku")
                .param("sku", sku).query(StockLevel.class).optional();
    }

    /** Locks the rows in SKU order, so concurrent reservations cannot deadlock. */
    List<StockLevel> lockAll(Collection<String> skus) {
        return jdbc.sql("select sku, available, reserved from inventory.stock where sku in (:skus) order by sku for update")
                .param("skus", skus).query(StockLevel.class).list();
    }

    void setAvailable(String sku, int available) {
        jdbc.sql("insert into inventory.stock (sku, available, reserved) values (:sku, :available, 0)"
                        + " on conflict (sku) do update set available = excluded.available, updated_at = now()")
                .param("sku", sku).param("available", available).update();
    }

    void insertIfAbsent(String sku, int available) {
        jdbc.sql("insert into inventory.stock (sku, available, reserved) values (:sku, :available, 0) on conflict (sku) do nothing")
                .param("sku", sku).param("available", available).update();
    }

    void take(String sku, int quantity) {
        jdbc.sql("update inventory.stock set available = available - :q, reserved = reserved + :q, updated_at = now() where sku = :sku")
                .param("sku", sku).param("q", quantity).update();
    }

    void giveBack(String sku, int quantity) {
        jdbc.sql("update inventory.stock set available = available + :q, reserved = reserved - :q, updated_at = now() where sku = :sku")
                .param("sku", sku).param("q", quantity).update();
    }

    /** Records the outcome of a reservation once; returns false if the order already has one. */
    boolean recordReservation(UUID orderId, String status, String reason) {
        return jdbc.sql("insert into inventory.reservation (order_id, status, reason) values (:id, :status, :reason)"
                        + " on conflict (order_id) do nothing")
                .param("id", orderId).param("status", status).param("reason", reason).update() == 1;
    }

    void recordLine(UUID orderId, ReservedLine line) {
        jdbc.sql("insert into inventory.reservation_line (order_id, sku, quantity) values (:id, :sku, :q)")
                .param("id", orderId).param("sku", line.sku()).param("q", line.quantity()).update();
    }

    /** Marks a held reservation released; returns false if there was none to release. */
    boolean markReleased(UUID orderId) {
        return jdbc.sql("update inventory.reservation set status = 'RELEASED', released_at = now()"
                        + " where order_id = :id and status = 'RESERVED'")
                .param("id", orderId).update() == 1;
    }

    List<ReservedLine> linesOf(UUID orderId) {
        return jdbc.sql("select sku, quantity from inventory.reservation_line where order_id = :id order by sku")
                .param("id", orderId).query(ReservedLine.class).list();
    }
}
