package io.ficus.shop.catalog;

/**
 * A change that catalog-service made to a product was applied to the monolith's copy (at the given version).
 * In-process only, never externalized: it lets copies of the product held elsewhere in the monolith (the
 * remote pricing cache of orders) be dropped as soon as the owner's change is known here.
 */
public record ProductReplicated(String sku, long version) {
}
