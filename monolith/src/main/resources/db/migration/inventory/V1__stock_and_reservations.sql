CREATE SCHEMA IF NOT EXISTS inventory;

CREATE TABLE inventory.stock
(
  sku        VARCHAR(40) PRIMARY KEY,
  available  INT         NOT NULL CHECK (available >= 0),
  reserved   INT         NOT NULL DEFAULT 0 CHECK (reserved >= 0),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- One outcome per order: the key that makes a redelivered reservation request a no-op.
CREATE TABLE inventory.reservation
(
  order_id    UUID        PRIMARY KEY,
  status      VARCHAR(16) NOT NULL CHECK (status IN ('RESERVED', 'SHORTAGE', 'RELEASED')),
  reason      VARCHAR(2000),
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  released_at TIMESTAMPTZ
);

CREATE TABLE inventory.reservation_line
(
  order_id UUID        NOT NULL REFERENCES inventory.reservation (order_id),
  sku      VARCHAR(40) NOT NULL,
  quantity INT         NOT NULL CHECK (quantity > 0),
  PRIMARY KEY (order_id, sku)
);
