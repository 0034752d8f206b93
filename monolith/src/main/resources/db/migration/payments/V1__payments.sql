CREATE SCHEMA IF NOT EXISTS payments;

-- One decision per order: the provider is never asked twice for an order that has one.
CREATE TABLE payments.payment
(
  order_id           UUID           PRIMARY KEY,
  status             VARCHAR(16)    NOT NULL CHECK (status IN ('AUTHORIZED', 'DECLINED')),
  amount             NUMERIC(12, 2) NOT NULL,
  currency           CHAR(3)        NOT NULL,
  provider_reference VARCHAR(200),
  reason             VARCHAR(2000),
  created_at         TIMESTAMPTZ    NOT NULL DEFAULT now()
);
