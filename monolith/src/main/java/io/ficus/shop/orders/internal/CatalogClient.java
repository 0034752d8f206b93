package io.ficus.shop.orders.internal;

import java.util.Collection;
import java.util.Map;

import io.ficus.shop.catalog.ProductCatalog;
import io.ficus.shop.catalog.ProductSummary;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The orders module's only way into the catalog (branch by abstraction): in-process it calls the catalog
 * module; with {@code ficus.orders.catalog.mode=remote} it asks catalog-service over HTTP through
 * {@link RemoteCatalog}. Either way an unknown SKU is simply absent from the answer.
 */
@Component
class CatalogClient {

    private final ProductCatalog catalog;
    private final ObjectProvider<RemoteCatalog> remote;
    private final CatalogClientProperties.Mode mode;

    CatalogClient(ProductCatalog catalog, ObjectProvider<RemoteCatalog> remote, CatalogClientProperties properties) {
        this.catalog = catalog;
        this.remote = remote;
        this.mode = properties.mode();
    }

    Map<String, ProductSummary> productsBySku(Collection<String> skus) {
        return mode == CatalogClientProperties.Mode.REMOTE
                ? remote.getObject().productsBySku(skus)
                : catalog.findBySkus(skus);
    }
}
