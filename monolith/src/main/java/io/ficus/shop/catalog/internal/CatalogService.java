package io.ficus.shop.catalog.internal;

import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.ficus.shop.catalog.ProductCatalog;
import io.ficus.shop.catalog.ProductSummary;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Implements the catalog's API for other modules. */
@Service
@Transactional(readOnly = true)
class CatalogService implements ProductCatalog {

    private final ProductRepository products;

    CatalogService(ProductRepository products) {
        this.products = products;
    }

    @Override
    public Map<String, ProductSummary> findBySkus(Collection<String> skus) {
        return products.findBySkus(skus).stream()
                .map(p -> new ProductSummary(p.sku(), p.name(), p.price(), p.currency()))
                .collect(Collectors.toMap(ProductSummary::sku, Function.identity()));
    }
}
