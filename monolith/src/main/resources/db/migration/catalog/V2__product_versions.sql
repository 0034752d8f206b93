-- One version space for every write of a product, shared in meaning with catalog-service: each write takes
-- nextval, and applying a change that came from the other side bumps the sequence past the incoming version.
-- A sequence (not a per-row counter) so that a delete followed by a re-create still gets a higher number.
CREATE SEQUENCE catalog.product_version;

ALTER TABLE catalog.product ADD COLUMN version BIGINT;
UPDATE catalog.product SET version = nextval('catalog.product_version');
ALTER TABLE catalog.product ALTER COLUMN version SET NOT NULL;

-- The version at which a product was deleted, so that an older create or update arriving later (from
-- catalog-service, when following it) never brings the product back. Invisible in the API.
CREATE TABLE catalog.deleted_product
(
  sku     VARCHAR(40) PRIMARY KEY,
  version BIGINT      NOT NULL
);
