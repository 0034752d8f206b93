package io.ficus.shop.catalog.internal;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonFormat;

/** A product as the catalog stores and serves it; the price is serialised as a decimal string. */
record Product(String sku, String name, String description,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal price, String currency) {

    /** This product as it stands at the given version (export and events carry the version). */
    VersionedProduct at(long version) {
        return new VersionedProduct(sku, name, description, price, currency, version);
    }
}
