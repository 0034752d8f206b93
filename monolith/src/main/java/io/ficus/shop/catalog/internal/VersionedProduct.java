package io.ficus.shop.catalog.internal;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonFormat;

/** A product with its version, as the export serves it to the backfill and to reconciliation. */
record VersionedProduct(String sku, String name, String description,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal price, String currency, long version) {

    Product product() {
        return new Product(sku, name, description, price, currency);
    }
}
