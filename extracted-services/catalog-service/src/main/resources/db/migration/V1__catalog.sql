-- The catalog-service's own data. Flyway keeps its history in catalog.flyway_schema_history.

-- One version space with the monolith: every own write takes nextval; applying a change that came from
-- the monolith raises the sequence to at least that change's version, so the next own write is newer.
CREATE SEQUENCE catalog.product_version;

CREATE TABLE catalog.product
(
  sku         VARCHAR(40)    PRIMARY KEY,
  -- name, price and currency are null only in a tombstone of a product this service never saw alive
  name        VARCHAR(200),
  description VARCHAR(2000)  NOT NULL DEFAULT '',
  price       NUMERIC(12, 2) CHECK (price >= 0),
  currency    CHAR(3),
  version     BIGINT         NOT NULL,
  -- a deleted product stays as a tombstone carrying its version, so that an older create or update
  -- arriving late never brings it back; tombstones are invisible in the API
  deleted     BOOLEAN        NOT NULL DEFAULT FALSE,
  created_at  TIMESTAMPTZ    NOT NULL DEFAULT now(),
  updated_at  TIMESTAMPTZ    NOT NULL DEFAULT now(),
  CONSTRAINT live_product_is_complete CHECK (deleted OR (name IS NOT NULL AND price IS NOT NULL AND currency IS NOT NULL))
);

-- Progress of the copy from the monolith's export: the cursor is the last SKU applied, written in the same
-- transaction as the rows of its page, so a run killed at any point resumes exactly after the last page.
CREATE TABLE catalog.backfill
(
  source        TEXT        PRIMARY KEY,
  status        TEXT        NOT NULL CHECK (status IN ('RUNNING', 'COMPLETED', 'FAILED')),
  cursor_sku    VARCHAR(40),
  rows_copied   BIGINT      NOT NULL DEFAULT 0,
  started_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  completed_at  TIMESTAMPTZ,
  last_error    TEXT
);

-- Spring Modulith's JDBC event publication registry (schema v2 for PostgreSQL, as shipped in
-- spring-modulith-events-jdbc), the outbox of the service's own product changes.
CREATE TABLE catalog.event_publication
(
  id                     UUID NOT NULL,
  listener_id            TEXT NOT NULL,
  event_type             TEXT NOT NULL,
  serialized_event       TEXT NOT NULL,
  publication_date       TIMESTAMP WITH TIME ZONE NOT NULL,
  completion_date        TIMESTAMP WITH TIME ZONE,
  status                 TEXT,
  completion_attempts    INT,
  last_resubmission_date TIMESTAMP WITH TIME ZONE,
  PRIMARY KEY (id)
);
CREATE INDEX event_publication_serialized_event_hash_idx ON catalog.event_publication USING hash(serialized_event);
CREATE INDEX event_publication_by_completion_date_idx ON catalog.event_publication (completion_date);
