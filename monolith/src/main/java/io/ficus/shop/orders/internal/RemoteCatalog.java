package io.ficus.shop.orders.internal;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.ficus.shop.DomainException;
import io.ficus.shop.catalog.ProductSummary;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads products from catalog-service ({@code GET /api/catalog/products/{sku}}) to price an order: bounded
 * timeouts, a bounded retry of timeouts and 5xx, a circuit breaker, a short cache, and strict checks of every
 * answer. Anything it cannot trust fails the placement with 503: an order is never priced from a broken answer.
 * It calls as the shop itself, with its own client-credentials token ({@link ServiceToken}) when one is configured,
 * never with the token of the customer whose order it prices.
 */
class RemoteCatalog {

    private static final Logger log = LoggerFactory.getLogger(RemoteCatalog.class);
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private final RestClient client;
    private final JsonMapper json;
    private final CircuitBreaker breaker;
    private final Retry retry;
    private final ProductCache cache;
    private final ServiceToken token;

    /** @param token the shop's own token for catalog-service, or {@code null} to call without one */
    RemoteCatalog(RestClient client, JsonMapper json, CircuitBreaker breaker, Retry retry, ProductCache cache,
            ServiceToken token) {
        this.client = client;
        this.json = json;
        this.breaker = breaker;
        this.retry = retry;
        this.cache = cache;
        this.token = token;
    }

    Map<String, ProductSummary> productsBySku(Collection<String> skus) {
        Map<String, ProductSummary> found = new LinkedHashMap<>();
        for (String sku : skus) {
            product(sku).ifPresent(product -> found.put(sku, product));
        }
        return found;
    }

    private Optional<ProductSummary> product(String sku) {
        Optional<Optional<ProductSummary>> cached = cache.get(sku);
        if (cached.isPresent()) {
            return cached.get();
        }
        try {
            Optional<ProductSummary> product = Retry.decorateSupplier(retry,
                    CircuitBreaker.decorateSupplier(breaker, () -> fetch(sku))).get();
            cache.put(sku, product);
            return product;
        }
        catch (TransientFailure | BrokenAnswer | CallNotPermittedException | ServiceToken.TokenUnavailable e) {
            log.warn("Catalog-service could not price {}: {}", sku, e.getMessage());
            throw new OrderRefused(DomainException.Kind.UNAVAILABLE,
                    "The catalog is unavailable, the order was not placed; try again shortly");
        }
    }

    private Optional<ProductSummary> fetch(String sku) {
        String bearer = token == null ? null : token.value();
        try {
            return client.get().uri("/api/catalog/products/{sku}", sku).headers(headers -> {
                if (bearer != null) {
                    headers.setBearerAuth(bearer);
                }
            }).exchange((request, response) -> {
                int status = response.getStatusCode().value();
                if (status == 404) {
                    return Optional.<ProductSummary>empty();
                }
                if (status == 401 && bearer != null) {
                    // expired early or signed by a key catalog-service does not know yet: the next attempt asks anew
                    token.refused(bearer);
                    throw new TransientFailure("catalog-service refused the shop's token");
                }
                if (response.getStatusCode().is5xxServerError()) {
                    throw new TransientFailure("catalog-service answered " + status);
                }
                if (status != 200) {
                    throw new BrokenAnswer("catalog-service answered " + status);
                }
                return Optional.of(parse(sku, response.getBody().readAllBytes()));
            });
        }
        catch (ResourceAccessException e) {
            // connection refused, connect or read timeout
            throw new TransientFailure("catalog-service unreachable: " + e.getMessage());
        }
    }

    private ProductSummary parse(String sku, byte[] body) throws IOException {
        JsonNode node;
        try {
            node = json.readTree(body);
        }
        catch (JacksonException e) {
            throw new BrokenAnswer("malformed JSON for " + sku);
        }
        if (node == null || !node.isObject()) {
            throw new BrokenAnswer("answer for " + sku + " is not a JSON object");
        }
        if (!sku.equals(text(node, "sku"))) {
            throw new BrokenAnswer("answer is for another SKU than " + sku);
        }
        String name = text(node, "name");
        if (name == null || name.isBlank()) {
            throw new BrokenAnswer("no name for " + sku);
        }
        String currency = text(node, "currency");
        if (currency == null || !CURRENCY.matcher(currency).matches()) {
            throw new BrokenAnswer("invalid currency for " + sku + ": " + currency);
        }
        return new ProductSummary(sku, name, price(sku, node.get("price")), currency);
    }

    private static BigDecimal price(String sku, JsonNode node) {
        if (node == null || !(node.isString() || node.isNumber())) {
            throw new BrokenAnswer("no price for " + sku);
        }
        BigDecimal price;
        try {
            price = new BigDecimal(node.asString());
        }
        catch (NumberFormatException e) {
            throw new BrokenAnswer("price of " + sku + " is not a number");
        }
        if (price.signum() < 0 || price.scale() > 2) {
            throw new BrokenAnswer("price of " + sku + " is out of range: " + price);
        }
        return price;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() ? value.asString() : null;
    }

    /** Forgets what is cached for the SKU: its owner changed it. */
    void evict(String sku) {
        cache.evict(sku);
    }

    /** Lets tests start from a closed breaker and an empty cache. */
    void reset() {
        breaker.reset();
        cache.clear();
    }

    /** May pass by itself (timeout, refused connection, 5xx): worth a bounded retry. */
    static class TransientFailure extends RuntimeException {
        TransientFailure(String message) {
            super(message);
        }
    }

    /** An answer that cannot be trusted for pricing; retrying would only get the same. */
    static class BrokenAnswer extends RuntimeException {
        BrokenAnswer(String message) {
            super(message);
        }
    }
}
