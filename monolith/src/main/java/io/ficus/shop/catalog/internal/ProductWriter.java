package io.ficus.shop.catalog.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import io.ficus.shop.catalog.ProductChanged;
import io.ficus.shop.catalog.ProductChanged.Kind;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The catalog's own writes: each one takes a new version and publishes {@link ProductChanged} in the same
 * transaction, so the event publication registry (the outbox) holds it exactly when the write committed.
 */
@Service
@Transactional
class ProductWriter {

    private final ProductRepository products;
    private final ApplicationEventPublisher events;

    ProductWriter(ProductRepository products, ApplicationEventPublisher events) {
        this.products = products;
        this.events = events;
    }

    /** Creates the product unless its SKU exists; empty when it did (nothing written, nothing published). */
    Optional<Product> createIfAbsent(Product product) {
        OptionalLong version = products.insertIfAbsent(product);
        if (version.isEmpty()) {
            return Optional.empty();
        }
        publish(Kind.CREATED, product.sku(), version.getAsLong(), product);
        return Optional.of(product);
    }

    /** Creates or replaces the product; returns whether it was new. */
    boolean save(Product product) {
        ProductRepository.Saved saved = products.save(product);
        publish(saved.created() ? Kind.CREATED : Kind.UPDATED, product.sku(), saved.version(), product);
        return saved.created();
    }

    /** Deletes the product; false when there was none. */
    boolean delete(String sku) {
        OptionalLong version = products.delete(sku);
        version.ifPresent(v -> publish(Kind.DELETED, sku, v, null));
        return version.isPresent();
    }

    private void publish(Kind kind, String sku, long version, Product product) {
        events.publishEvent(new ProductChanged(UUID.randomUUID(), kind, sku, version, Instant.now(),
                product == null ? null : product.name(), product == null ? null : product.description(),
                product == null ? null : product.price(), product == null ? null : product.currency()));
    }
}
