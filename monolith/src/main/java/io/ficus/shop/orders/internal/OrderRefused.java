package io.ficus.shop.orders.internal;

import io.ficus.shop.DomainException;

/** An order that cannot be placed: an unknown SKU, mixed currencies, or a catalog that cannot price it now. */
class OrderRefused extends DomainException {

    OrderRefused(Kind kind, String message) {
        super(kind, message);
    }
}
