-- A payment is now opened before the provider is asked (PENDING), so retries are scheduled per order from this
-- row instead of from a failing event listener. ABANDONED: the provider never answered within the give-up window
-- and, asked for the outcome of the idempotency key, had no record of a charge.
ALTER TABLE payments.payment DROP CONSTRAINT payment_status_check;
ALTER TABLE payments.payment
  ADD CONSTRAINT payment_status_check CHECK (status IN ('PENDING', 'AUTHORIZED', 'DECLINED', 'ABANDONED'));
ALTER TABLE payments.payment ADD COLUMN customer VARCHAR(254);
ALTER TABLE payments.payment ADD COLUMN attempts INT NOT NULL DEFAULT 0;
-- when the next provider call may start; a claim only succeeds once it has passed
ALTER TABLE payments.payment ADD COLUMN next_attempt_at TIMESTAMPTZ;
-- the lease of the one provider call in flight for this order (longer than the call's own timeouts)
ALTER TABLE payments.payment ADD COLUMN in_flight_until TIMESTAMPTZ;
-- after this the provider is asked for the outcome instead of being charged again
ALTER TABLE payments.payment ADD COLUMN give_up_at TIMESTAMPTZ;
ALTER TABLE payments.payment ADD COLUMN last_error VARCHAR(500);
CREATE INDEX payment_due ON payments.payment (next_attempt_at) WHERE status = 'PENDING';
