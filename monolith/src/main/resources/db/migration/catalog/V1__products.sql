CREATE SCHEMA IF NOT EXISTS catalog;

CREATE TABLE catalog.product
(
  sku         VARCHAR(40)    PRIMARY KEY,
  name        VARCHAR(200)   NOT NULL,
  description VARCHAR(2000)  NOT NULL DEFAULT '',
  price       NUMERIC(12, 2) NOT NULL CHECK (price >= 0),
  currency    CHAR(3)        NOT NULL,
  created_at  TIMESTAMPTZ    NOT NULL DEFAULT now(),
  updated_at  TIMESTAMPTZ    NOT NULL DEFAULT now()
);
