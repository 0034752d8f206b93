-- SHIPPED leaves the order contract (docs/adr/0008-shipped-leaves-the-order-contract.md): nothing ever set it.
ALTER TABLE orders.customer_order DROP CONSTRAINT customer_order_status_check;
ALTER TABLE orders.customer_order
  ADD CONSTRAINT customer_order_status_check CHECK (status IN ('PENDING', 'CONFIRMED', 'CANCELLED'));

-- GET /api/orders?customer=… lists a customer's orders newest first.
CREATE INDEX customer_order_by_customer ON orders.customer_order (customer, created_at DESC, id DESC);
