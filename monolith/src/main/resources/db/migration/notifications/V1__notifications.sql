CREATE SCHEMA IF NOT EXISTS notifications;

CREATE TABLE notifications.notification
(
  id       UUID         PRIMARY KEY,
  customer VARCHAR(254) NOT NULL,
  order_id UUID         NOT NULL,
  type     VARCHAR(32)  NOT NULL,
  message  VARCHAR(2000) NOT NULL,
  sent_at  TIMESTAMPTZ  NOT NULL DEFAULT clock_timestamp(),
  UNIQUE (order_id, type)
);
CREATE INDEX notification_by_customer ON notifications.notification (customer, sent_at);
