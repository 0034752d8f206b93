package io.ficus.shop.orders.internal;

import java.util.Collection;
import java.util.Map;

import io.ficus.shop.catalog.ProductCatalog;
import io.ficus.shop.catalog.ProductSummary;
import org.springframework.stereotype.Component;

/**
 * The orders module's only way into the catalog. It calls the catalog in-process today; when the catalog
 * is extracted, this class becomes the HTTP client of catalog-service (branch by abstraction).
 */
@Component
class CatalogClient {

    private final ProductCatalog catalog;

    CatalogClient(ProductCatalog catalog) {
        this.catalog = catalog;
    }

    Map<String, ProductSummary> productsBySku(Collection<String> skus) {
        return catalog.findBySkus(skus);
    }
}
