package io.ficus.services.catalog.products;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonFormat;
import org.springframework.modulith.events.Externalized;

/**
 * A product was created, updated or deleted by this service's own API: published to exchange
 * {@code ficus.catalog-service} with routing key {@code product.<kind>}, in the same flat JSON shape as the
 * monolith's events on {@code ficus.catalog}. For a deletion, name, description, price and currency are null.
 */
@Externalized("ficus.catalog-service::#{routingKey()}")
public record ProductChanged(UUID eventId, Kind kind, String sku, long version, Instant occurredAt,
        String name, String description, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal price,
        String currency) {

    /** What happened to the product. */
    public enum Kind {
        CREATED, UPDATED, DELETED
    }

    static ProductChanged written(Kind kind, Product product, long version) {
        return new ProductChanged(UUID.randomUUID(), kind, product.sku(), version, Instant.now(), product.name(),
                product.description(), product.price(), product.currency());
    }

    static ProductChanged deleted(String sku, long version) {
        return new ProductChanged(UUID.randomUUID(), Kind.DELETED, sku, version, Instant.now(), null, null, null, null);
    }

    /** {@code product.created}, {@code product.updated} or {@code product.deleted}. */
    public String routingKey() {
        return "product." + kind.name().toLowerCase(Locale.ROOT);
    }
}
