package io.ficus.shop.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonFormat;
import org.springframework.modulith.events.Externalized;

/**
 * A product was created, updated or deleted, at the given version. Published in the transaction of the write
 * and, during an extraction, externalized to the {@code ficus.catalog} exchange (routing key
 * {@code product.created|updated|deleted}) for catalog-service. For DELETED, name, description, price and
 * currency are null.
 */
@Externalized("ficus.catalog::#{routingKey()}")
public record ProductChanged(UUID eventId, Kind kind, String sku, long version, Instant occurredAt, String name,
        String description, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal price, String currency) {

    /** What happened to the product. */
    public enum Kind {
        CREATED, UPDATED, DELETED
    }

    /** The AMQP routing key: {@code product.created}, {@code product.updated} or {@code product.deleted}. */
    public String routingKey() {
        return "product." + kind.name().toLowerCase(Locale.ROOT);
    }
}
