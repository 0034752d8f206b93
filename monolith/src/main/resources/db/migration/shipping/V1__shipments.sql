CREATE SCHEMA IF NOT EXISTS shipping;

CREATE TABLE shipping.shipment
(
  id         UUID         PRIMARY KEY,
  order_id   UUID         NOT NULL UNIQUE,
  customer   VARCHAR(254) NOT NULL,
  status     VARCHAR(16)  NOT NULL,
  created_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);
