CREATE SCHEMA IF NOT EXISTS notifications;

-- event_id makes a redelivered or twice-published event a no-op; (order_id, type) keeps the monolith's rule of
-- one notification per order and kind even if two different events claimed the same thing.
CREATE TABLE notifications.notification
(
  id       UUID          PRIMARY KEY,
  event_id UUID          NOT NULL UNIQUE,
  customer VARCHAR(254)  NOT NULL,
  order_id UUID          NOT NULL,
  type     VARCHAR(32)   NOT NULL,
  message  VARCHAR(2000) NOT NULL,
  sent_at  TIMESTAMPTZ   NOT NULL DEFAULT clock_timestamp(),
  UNIQUE (order_id, type)
);
CREATE INDEX notification_by_customer ON notifications.notification (customer, sent_at);
