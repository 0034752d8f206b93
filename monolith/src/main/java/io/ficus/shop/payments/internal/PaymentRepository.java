package io.ficus.shop.payments.internal;

import java.util.Optional;
import java.util.UUID;

import io.ficus.shop.payments.PaymentRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Payment decisions in the {@code payments} schema, one per order. */
@Repository
class PaymentRepository {

    private final JdbcClient jdbc;

    PaymentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<String> statusOf(UUID orderId) {
        return jdbc.sql("select status from payments.payment where order_id = :id")
                .param("id", orderId).query(String.class).optional();
    }

    /** Records the decision once; returns false if the order already had one. */
    boolean record(PaymentRequest request, ProviderDecision decision) {
        return jdbc.sql("insert into payments.payment (order_id, status, amount, currency, provider_reference, reason)"
                        + " values (:id, :status, :amount, :currency, :reference, :reason) on conflict (order_id) do nothing")
                .param("id", request.orderId())
                .param("status", decision.approved() ? "AUTHORIZED" : "DECLINED")
                .param("amount", request.amount())
                .param("currency", request.currency())
                .param("reference", decision.reference())
                .param("reason", decision.reason())
                .update() == 1;
    }
}
