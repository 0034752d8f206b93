package io.ficus.services.catalog.products;

import java.math.BigDecimal;

/**
 * A product state written by the monolith (an exported row or a product-changed event), to be applied here
 * only if its version is newer than what this service holds. A deletion carries no product fields.
 */
public record ReplicatedProduct(String sku, long version, boolean deleted, String name, String description,
        BigDecimal price, String currency) {

    public static ReplicatedProduct live(String sku, long version, String name, String description,
            BigDecimal price, String currency) {
        return new ReplicatedProduct(sku, version, false, name, description == null ? "" : description, price,
                currency);
    }

    public static ReplicatedProduct tombstone(String sku, long version) {
        return new ReplicatedProduct(sku, version, true, null, "", null, null);
    }
}
