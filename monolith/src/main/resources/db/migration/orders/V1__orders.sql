CREATE SCHEMA IF NOT EXISTS orders;

CREATE TABLE orders.customer_order
(
  id         UUID           PRIMARY KEY,
  customer   VARCHAR(254)   NOT NULL,
  status     VARCHAR(16)    NOT NULL CHECK (status IN ('PENDING', 'CONFIRMED', 'CANCELLED', 'SHIPPED')),
  total      NUMERIC(14, 2) NOT NULL,
  currency   CHAR(3)        NOT NULL,
  reason     VARCHAR(2000),
  created_at TIMESTAMPTZ    NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ    NOT NULL DEFAULT now()
);

-- Lines keep the SKU, name and price as they were when ordered; the catalog is referenced by SKU only.
CREATE TABLE orders.order_line
(
  order_id   UUID           NOT NULL REFERENCES orders.customer_order (id),
  line_no    INT            NOT NULL,
  sku        VARCHAR(40)    NOT NULL,
  name       VARCHAR(200)   NOT NULL,
  quantity   INT            NOT NULL CHECK (quantity > 0),
  unit_price NUMERIC(12, 2) NOT NULL,
  PRIMARY KEY (order_id, line_no)
);

-- One row per saga step; the unique step makes a redelivered event leave no duplicate.
CREATE TABLE orders.order_history
(
  id       BIGSERIAL   PRIMARY KEY,
  order_id UUID        NOT NULL REFERENCES orders.customer_order (id),
  step     VARCHAR(32) NOT NULL,
  status   VARCHAR(16) NOT NULL,
  note     VARCHAR(2000),
  at       TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
  UNIQUE (order_id, step)
);
CREATE INDEX order_history_by_order ON orders.order_history (order_id);
