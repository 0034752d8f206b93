package io.ficus.shop.orders.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.ficus.shop.catalog.ProductSummary;

/**
 * Product reads from catalog-service kept for a short time, so a burst of orders for the same products
 * costs one call per product; bounded in size (cleared when full, which is rare at this TTL).
 */
class ProductCache {

    private final Duration ttl;
    private final int maxEntries;
    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    ProductCache(Duration ttl, int maxEntries) {
        this(ttl, maxEntries, Clock.systemUTC());
    }

    ProductCache(Duration ttl, int maxEntries, Clock clock) {
        this.ttl = ttl;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    /** The cached answer for the SKU (present product or known absence), if still fresh. */
    Optional<Optional<ProductSummary>> get(String sku) {
        Entry entry = entries.get(sku);
        if (entry == null || !clock.instant().isBefore(entry.expires())) {
            return Optional.empty();
        }
        return Optional.of(Optional.ofNullable(entry.product()));
    }

    void put(String sku, Optional<ProductSummary> product) {
        if (ttl.isZero() || ttl.isNegative()) {
            return;
        }
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        entries.put(sku, new Entry(product.orElse(null), clock.instant().plus(ttl)));
    }

    void evict(String sku) {
        entries.remove(sku);
    }

    void clear() {
        entries.clear();
    }

    private record Entry(ProductSummary product, Instant expires) {
    }
}
