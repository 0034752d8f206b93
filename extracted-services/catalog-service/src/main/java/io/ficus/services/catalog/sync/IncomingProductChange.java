package io.ficus.services.catalog.sync;

import java.math.BigDecimal;
import java.util.UUID;

import io.ficus.services.catalog.products.ReplicatedProduct;

/** The monolith's ProductChanged event as it arrives on the broker (flat JSON); unknown fields are ignored. */
record IncomingProductChange(UUID eventId, String kind, String sku, Long version, String name, String description,
        BigDecimal price, String currency) {

    /** Checks what applying needs; a message failing this can never succeed and is dead-lettered. */
    ReplicatedProduct toReplicatedProduct() {
        require(eventId != null, "eventId is missing");
        require(sku != null && !sku.isBlank() && sku.length() <= 40, "sku is missing or longer than 40 characters");
        require(version != null && version > 0, "version is missing or not positive");
        require(kind != null, "kind is missing");
        return switch (kind) {
            case "DELETED" -> ReplicatedProduct.tombstone(sku, version);
            case "CREATED", "UPDATED" -> {
                require(name != null && !name.isBlank() && name.length() <= 200, "name is missing or too long");
                require(description == null || description.length() <= 2000, "description is too long");
                require(price != null && price.signum() >= 0 && price.scale() <= 2 && price.precision() - price.scale() <= 10,
                        "price is missing, negative or has more than 2 decimals");
                require(currency != null && currency.matches("[A-Z]{3}"), "currency is not an ISO 4217 code");
                yield ReplicatedProduct.live(sku, version, name, description, price, currency);
            }
            default -> throw new InvalidProductChange("kind '" + kind + "' is not CREATED, UPDATED or DELETED");
        };
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new InvalidProductChange(problem);
        }
    }

    /** The message can never be applied, however often it is delivered. */
    static final class InvalidProductChange extends RuntimeException {

        InvalidProductChange(String message) {
            super(message);
        }
    }
}
