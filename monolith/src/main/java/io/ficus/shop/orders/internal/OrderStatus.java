package io.ficus.shop.orders.internal;

/** Where an order stands. SHIPPED is part of the public contract for when shipping reports dispatch. */
enum OrderStatus {
    PENDING, CONFIRMED, CANCELLED, SHIPPED
}
