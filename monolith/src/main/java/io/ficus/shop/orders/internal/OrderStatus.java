package io.ficus.shop.orders.internal;

/**
 * Where an order stands. Shipping progress is the shipment's status, not the order's (see
 * docs/adr/0008-shipped-leaves-the-order-contract.md).
 */
enum OrderStatus {
    PENDING, CONFIRMED, CANCELLED
}
