package io.ficus.shop.orders.internal;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Orders, their lines and their history in the {@code orders} schema. */
@Repository
class OrderRepository {

    private final JdbcClient jdbc;

    OrderRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, String customer, BigDecimal total, String currency, List<OrderView.Line> lines) {
        jdbc.sql("insert into orders.customer_order (id, customer, status, total, currency) values (:id, :customer, 'PENDING', :total, :currency)")
                .param("id", id).param("customer", customer).param("total", total).param("currency", currency).update();
        int lineNo = 0;
        for (OrderView.Line line : lines) {
            jdbc.sql("insert into orders.order_line (order_id, line_no, sku, name, quantity, unit_price) values (:id, :no, :sku, :name, :q, :price)")
                    .param("id", id).param("no", ++lineNo).param("sku", line.sku()).param("name", line.name())
                    .param("q", line.quantity()).param("price", line.unitPrice()).update();
        }
    }

    /** The order's status and amounts, locking its row for the rest of the transaction. */
    Optional<OrderHead> lockHead(UUID id) {
        return jdbc.sql("select status, customer, total, currency from orders.customer_order where id = :id for update")
                .param("id", id)
                .query((rs, n) -> new OrderHead(OrderStatus.valueOf(rs.getString("status")), rs.getString("customer"),
                        rs.getBigDecimal("total"), rs.getString("currency")))
                .optional();
    }

    void updateStatus(UUID id, OrderStatus status, String reason) {
        jdbc.sql("update orders.customer_order set status = :status, reason = :reason, updated_at = now() where id = :id")
                .param("id", id).param("status", status.name()).param("reason", reason).update();
    }

    /** Records a saga step once: a redelivered event does not add the same step again. */
    void addHistory(UUID id, String step, OrderStatus status, String note) {
        jdbc.sql("insert into orders.order_history (order_id, step, status, note) values (:id, :step, :status, :note)"
                        + " on conflict (order_id, step) do nothing")
                .param("id", id).param("step", step).param("status", status.name()).param("note", note).update();
    }

    Optional<OrderView> find(UUID id) {
        return jdbc.sql("select id, customer, status, total, currency, reason, created_at from orders.customer_order where id = :id")
                .param("id", id)
                .query((rs, n) -> new OrderView(rs.getObject("id", UUID.class), rs.getString("customer"),
                        OrderStatus.valueOf(rs.getString("status")), linesOf(id), rs.getBigDecimal("total"),
                        rs.getString("currency"), rs.getString("reason"), historyOf(id),
                        rs.getTimestamp("created_at").toInstant()))
                .optional();
    }

    /** A page of the customer's orders, newest first (ties broken by id so pages never overlap). */
    List<OrderView> findByCustomer(String customer, int page, int size) {
        return jdbc.sql("select id from orders.customer_order where customer = :customer"
                        + " order by created_at desc, id desc limit :size offset :offset")
                .param("customer", customer).param("size", size).param("offset", (long) page * size)
                .query(UUID.class).list().stream()
                .map(id -> find(id).orElseThrow())
                .toList();
    }

    long countByCustomer(String customer) {
        return jdbc.sql("select count(*) from orders.customer_order where customer = :customer")
                .param("customer", customer).query(Long.class).single();
    }

    private List<OrderView.Line> linesOf(UUID id) {
        return jdbc.sql("select sku, name, quantity, unit_price from orders.order_line where order_id = :id order by line_no")
                .param("id", id)
                .query((rs, n) -> new OrderView.Line(rs.getString("sku"), rs.getString("name"), rs.getInt("quantity"),
                        rs.getBigDecimal("unit_price")))
                .list();
    }

    private List<OrderView.HistoryEntry> historyOf(UUID id) {
        return jdbc.sql("select at, status, note from orders.order_history where order_id = :id order by at, id")
                .param("id", id)
                .query((rs, n) -> new OrderView.HistoryEntry(rs.getObject("at", Timestamp.class).toInstant(),
                        OrderStatus.valueOf(rs.getString("status")), rs.getString("note")))
                .list();
    }
}
