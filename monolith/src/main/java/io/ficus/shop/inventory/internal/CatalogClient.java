package io.ficus.shop.inventory.internal;

import java.util.Set;

import io.ficus.shop.catalog.ProductCatalog;
import org.springframework.stereotype.Component;

/** The inventory module's only way into the catalog: whether a SKU is a product at all. */
@Component("inventoryCatalogClient")
class CatalogClient {

    private final ProductCatalog catalog;

    CatalogClient(ProductCatalog catalog) {
        this.catalog = catalog;
    }

    boolean exists(String sku) {
        return catalog.findBySkus(Set.of(sku)).containsKey(sku);
    }
}
