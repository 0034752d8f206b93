package io.ficus.services.catalog.products;

import io.ficus.services.catalog.products.ProductChanged.Kind;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The service's own product writes: each takes a new version and publishes {@link ProductChanged} in the same
 * transaction, so the event publication registry holds it until the broker has confirmed it.
 */
@Service
@Transactional
class ProductWrites {

    private final ProductRepository products;
    private final ProductVersions versions;
    private final ApplicationEventPublisher events;

    ProductWrites(ProductRepository products, ProductVersions versions, ApplicationEventPublisher events) {
        this.products = products;
        this.versions = versions;
        this.events = events;
    }

    Product create(Product product) {
        long version = versions.next();
        if (!products.insertUnlessLive(product, version)) {
            throw new DuplicateProduct(product.sku());
        }
        events.publishEvent(ProductChanged.written(Kind.CREATED, product, version));
        return product;
    }

    /** Creates or replaces the product; returns whether it was created (absent or deleted before). */
    boolean save(Product product) {
        long version = versions.next();
        boolean wasDeleted = products.lockDeletedFlag(product.sku()).orElse(false);
        boolean created = products.save(product, version) || wasDeleted;
        events.publishEvent(ProductChanged.written(created ? Kind.CREATED : Kind.UPDATED, product, version));
        return created;
    }

    void delete(String sku) {
        long version = versions.next();
        if (!products.markDeleted(sku, version)) {
            throw new UnknownProduct(sku);
        }
        events.publishEvent(ProductChanged.deleted(sku, version));
    }

    /** No live product has this SKU. */
    static final class UnknownProduct extends RuntimeException {

        UnknownProduct(String sku) {
            super("Unknown SKU " + sku);
        }
    }

    /** A live product already has this SKU. */
    static final class DuplicateProduct extends RuntimeException {

        DuplicateProduct(String sku) {
            super("Product " + sku + " already exists");
        }
    }
}
