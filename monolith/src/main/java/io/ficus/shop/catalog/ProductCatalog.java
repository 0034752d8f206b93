package io.ficus.shop.catalog;

import java.util.Collection;
import java.util.Map;

/** The catalog's synchronous API for other modules. */
public interface ProductCatalog {

    /** The products of the given SKUs that exist, by SKU; unknown SKUs are simply absent. */
    Map<String, ProductSummary> findBySkus(Collection<String> skus);
}
