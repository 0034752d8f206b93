package io.ficus.shop.payments.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.ficus.shop.payments.PaymentRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Payments in the {@code payments} schema, one per order. Each method is one statement: called outside a
 * transaction it commits at once, so no row stays locked while the provider is being asked.
 */
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

    /**
     * Opens the order's payment with its first provider call already claimed, so the retry poller cannot take
     * that call away from the opener; empty if the order already had a payment.
     */
    Optional<Claim> openClaimed(PaymentRequest request, Duration giveUpAfter, Duration lease) {
        return jdbc.sql("insert into payments.payment (order_id, status, amount, currency, customer, attempts, next_attempt_at,"
                        + " in_flight_until, give_up_at) values (:id, 'PENDING', :amount, :currency, :customer, 1, now(),"
                        + " now() + make_interval(secs => :lease), now() + make_interval(secs => :giveUp))"
                        + " on conflict (order_id) do nothing"
                        + " returning order_id, customer, amount, currency, attempts, false as overdue")
                .param("id", request.orderId())
                .param("amount", request.amount())
                .param("currency", request.currency())
                .param("customer", request.customer())
                .param("lease", lease.toMillis() / 1000.0)
                .param("giveUp", giveUpAfter.toMillis() / 1000.0)
                .query(PaymentRepository::claimOf)
                .optional();
    }

    /**
     * Claims the next provider call of a due, undecided payment for the length of the lease. The conditional
     * update is atomic, so of any number of callers (threads or nodes) at most one gets the claim: never two
     * provider calls in flight for one order.
     */
    Optional<Claim> claim(UUID orderId, Duration lease) {
        return jdbc.sql("update payments.payment set attempts = attempts + 1,"
                        + " in_flight_until = now() + make_interval(secs => :lease)"
                        + " where order_id = :id and status = 'PENDING' and next_attempt_at <= now()"
                        + " and (in_flight_until is null or in_flight_until < now())"
                        + " returning order_id, customer, amount, currency, attempts, give_up_at < now() as overdue")
                .param("id", orderId)
                .param("lease", lease.toMillis() / 1000.0)
                .query(PaymentRepository::claimOf)
                .optional();
    }

    private static Claim claimOf(ResultSet rs, int row) throws SQLException {
        return new Claim(new PaymentRequest(rs.getObject("order_id", UUID.class), rs.getString("customer"),
                rs.getBigDecimal("amount"), rs.getString("currency")), rs.getInt("attempts"), rs.getBoolean("overdue"));
    }

    /** Releases the claim and schedules the next call after a transient failure. */
    void reschedule(UUID orderId, Duration delay, String error) {
        jdbc.sql("update payments.payment set in_flight_until = null, last_error = left(:error, 500),"
                        + " next_attempt_at = now() + make_interval(secs => :delay) where order_id = :id and status = 'PENDING'")
                .param("id", orderId).param("delay", delay.toMillis() / 1000.0).param("error", error).update();
    }

    /** Records the final outcome once; returns false if the payment had already left PENDING. */
    boolean decide(UUID orderId, String status, String reference, String reason) {
        return jdbc.sql("update payments.payment set status = :status, provider_reference = :reference, reason = :reason,"
                        + " in_flight_until = null, next_attempt_at = null where order_id = :id and status = 'PENDING'")
                .param("id", orderId).param("status", status).param("reference", reference).param("reason", reason)
                .update() == 1;
    }

    /** Undecided payments whose next call is due and not in flight, oldest first. */
    List<UUID> due(int limit) {
        return jdbc.sql("select order_id from payments.payment where status = 'PENDING' and next_attempt_at <= now()"
                        + " and (in_flight_until is null or in_flight_until < now()) order by next_attempt_at limit :limit")
                .param("limit", limit).query(UUID.class).list();
    }

    /** A claimed provider call: what to send, the how-manieth call it is, and whether the give-up window passed. */
    record Claim(PaymentRequest request, int attempt, boolean overdue) {
    }
}
