package io.ficus.shop.catalog.internal;

import java.math.BigDecimal;
import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A product change that came from catalog-service, read leniently (unknown fields ignored) but checked
 * strictly: anything missing or out of range makes it unusable, so it goes to the dead letters with a reason.
 */
record IncomingProductChange(String kind, String sku, long version, VersionedProduct product) {

    private static final Set<String> KINDS = Set.of("CREATED", "UPDATED", "DELETED");
    private static final Pattern SKU = Pattern.compile("[A-Z0-9][A-Z0-9-]{1,39}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    boolean deleted() {
        return "DELETED".equals(kind);
    }

    static IncomingProductChange parse(byte[] body, JsonMapper json) {
        JsonNode tree;
        try {
            tree = json.readTree(body);
        }
        catch (JacksonException e) {
            throw new UnusableProductChangeException("body is not JSON: " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new UnusableProductChangeException("body is not a JSON object");
        }
        String kind = text(tree, "kind");
        if (!KINDS.contains(kind)) {
            throw new UnusableProductChangeException("kind must be one of " + KINDS + ", was " + kind);
        }
        String sku = text(tree, "sku");
        if (!SKU.matcher(sku).matches()) {
            throw new UnusableProductChangeException("sku is not a valid SKU: " + sku);
        }
        JsonNode version = tree.get("version");
        if (version == null || !version.isIntegralNumber() || version.asLong() <= 0) {
            throw new UnusableProductChangeException("version must be a positive whole number");
        }
        if ("DELETED".equals(kind)) {
            return new IncomingProductChange(kind, sku, version.asLong(), null);
        }
        String name = text(tree, "name");
        if (name.isBlank() || name.length() > 200) {
            throw new UnusableProductChangeException("name must be 1-200 characters");
        }
        JsonNode descriptionNode = tree.get("description");
        String description = descriptionNode == null || descriptionNode.isNull() ? "" : descriptionNode.asString();
        if (description.length() > 2000) {
            throw new UnusableProductChangeException("description is longer than 2000 characters");
        }
        BigDecimal price = price(tree.get("price"));
        String currency = text(tree, "currency");
        if (!CURRENCY.matcher(currency).matches()) {
            throw new UnusableProductChangeException("currency must be an ISO 4217 code, was " + currency);
        }
        return new IncomingProductChange(kind, sku, version.asLong(),
                new VersionedProduct(sku, name, description, price, currency, version.asLong()));
    }

    private static String text(JsonNode tree, String field) {
        JsonNode node = tree.get(field);
        if (node == null || !node.isString()) {
            throw new UnusableProductChangeException(field + " is missing or not a string");
        }
        return node.asString();
    }

    private static BigDecimal price(JsonNode node) {
        if (node == null || node.isNull()) {
            throw new UnusableProductChangeException("price is missing");
        }
        try {
            BigDecimal price = new BigDecimal(node.asString());
            if (price.signum() < 0 || price.scale() > 2 || price.precision() - price.scale() > 10) {
                throw new UnusableProductChangeException("price must be 0 or more with at most 2 decimals: " + price);
            }
            return price;
        }
        catch (NumberFormatException e) {
            throw new UnusableProductChangeException("price is not a decimal number: " + node);
        }
    }

    /** The message can never be applied, however often it is delivered. */
    static class UnusableProductChangeException extends RuntimeException {
        UnusableProductChangeException(String reason) {
            super(reason);
        }
    }
}
