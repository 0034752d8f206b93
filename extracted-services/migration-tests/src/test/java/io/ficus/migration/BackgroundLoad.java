package io.ficus.migration;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import org.awaitility.core.ConditionTimeoutException;
import tools.jackson.databind.JsonNode;

import static org.awaitility.Awaitility.await;

/**
 * Shop traffic through the gateway while routes move: per product, one worker changes the price, waits until
 * both sides serve it, places an order and checks that the order was priced with that price; readers with many
 * caller ids read the catalog. It records every failed request, stops when told and, in any case, after its
 * bound; it only ever talks to 127.0.0.1.
 */
final class BackgroundLoad {

    /**
     * An order, the price current when it was placed, what it was charged, and the prices superseded less than
     * the allowed staleness before it was placed (a pricing cache may still hold those).
     */
    record PricedOrder(String sku, String orderId, BigDecimal expected, BigDecimal charged,
            List<BigDecimal> recentlySuperseded) {

        boolean pricedWithCurrentPrice() {
            return charged != null && expected.compareTo(charged) == 0;
        }

        boolean pricedRight() {
            return pricedWithCurrentPrice()
                    || charged != null && recentlySuperseded.stream().anyMatch(price -> price.compareTo(charged) == 0);
        }
    }

    /** A price of one product and when the change to it was sent. */
    private record PriceChange(BigDecimal price, long sentNanos) {
    }

    private final String gateway;
    private final Map<String, String> sides;
    private final List<Product> products;
    private final Duration bound;
    private final Duration pricingStaleness;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong cycles = new AtomicLong();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<PricedOrder> orders = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();

    /** A product the load changes: its SKU and the fields a PUT must repeat. */
    record Product(String sku, String name, String description, String currency) {
    }

    /**
     * @param gateway  the gateway's proxy URL; every request of the load goes through it
     * @param sides    name → base URL of each side, read directly to see when both serve a change
     * @param products products whose prices the load changes and orders
     * @param bound    the load stops by itself after this long
     * @param pricingStaleness how old a price an order may be charged: zero when the monolith prices from its
     *                 own table, the cache TTL when it prices through catalog-service
     * @param staffToken a fresh staff token for each price change: catalog writes need the staff role on both sides
     * @param customerToken a fresh token of the customer who places the load's orders (an order is the token's)
     */
    private final Supplier<String> staffToken;
    private final Supplier<String> customerToken;

    BackgroundLoad(String gateway, Map<String, String> sides, List<Product> products, Duration bound,
            Duration pricingStaleness, Supplier<String> staffToken, Supplier<String> customerToken) {
        this.staffToken = staffToken;
        this.customerToken = customerToken;
        this.gateway = gateway;
        this.sides = sides;
        this.products = products;
        this.bound = bound;
        this.pricingStaleness = pricingStaleness;
    }

    BackgroundLoad start(int readers) {
        long deadline = System.nanoTime() + bound.toNanos();
        for (Product product : products) {
            threads.add(started("load-" + product.sku(), () -> priceAndOrder(product, deadline)));
        }
        for (int i = 0; i < readers; i++) {
            threads.add(started("load-reader-" + i, () -> read(deadline)));
        }
        return this;
    }

    private Thread started(String name, Runnable work) {
        Thread thread = new Thread(() -> {
            try {
                work.run();
            }
            catch (RuntimeException | Error e) {
                // a load thread that dies must fail the test, not quietly lower the load
                failures.add(name + " stopped: " + e);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Stops the load and waits (bounded) for its requests in flight. */
    BackgroundLoad stop() {
        stopped.set(true);
        for (Thread thread : threads) {
            try {
                thread.join(60_000);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return this;
    }

    long requests() {
        return requests.get();
    }

    /** Completed change-then-order cycles. */
    long cycles() {
        return cycles.get();
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    List<PricedOrder> orders() {
        return List.copyOf(orders);
    }

    private boolean running(long deadline) {
        return !stopped.get() && System.nanoTime() < deadline;
    }

    private void priceAndOrder(Product product, long deadline) {
        String url = gateway + "/api/catalog/products/" + product.sku();
        List<PriceChange> history = new ArrayList<>();
        while (running(deadline)) {
            BigDecimal price = BigDecimal.valueOf(ThreadLocalRandom.current().nextInt(1000, 9999), 2);
            history.add(new PriceChange(price, System.nanoTime()));
            Http.Answer changed = call(Http.put(url, Map.of("name", product.name(), "description", product.description(),
                    "price", price.toPlainString(), "currency", product.currency()),
                    "Authorization", "Bearer " + staffToken.get()));
            if (!changed.ok()) {
                continue;
            }
            if (!servedEverywhere(product.sku(), price)) {
                failures.add(product.sku() + " price " + price + " not served by both sides within 30 s");
                continue;
            }
            long placing = System.nanoTime();
            Http.Answer placed = call(Http.post(gateway + "/api/orders", Map.of("customer", "load@example.com",
                    "lines", List.of(Map.of("sku", product.sku(), "quantity", 1))),
                    "Authorization", "Bearer " + customerToken.get()));
            if (placed.status() != 201) {
                if (placed.ok()) {
                    failures.add("order placement answered " + placed);
                }
                continue;
            }
            JsonNode order = placed.json();
            JsonNode unitPrice = order.path("lines").path(0).path("unitPrice");
            orders.add(new PricedOrder(product.sku(), order.path("id").asString(), price,
                    unitPrice.isMissingNode() ? null : new BigDecimal(unitPrice.asString()),
                    supersededSince(history, placing - pricingStaleness.toNanos())));
            Http.Answer read = call(Http.get(url, "X-User-Id", caller()));
            if (read.ok() && !price(read).equals(price)) {
                failures.add("read through the gateway served a stale price after both sides had " + price + ": " + read);
            }
            cycles.incrementAndGet();
        }
    }

    /** Prices replaced by a change sent at or after {@code sinceNanos} (the latest price is not among them). */
    private static List<BigDecimal> supersededSince(List<PriceChange> history, long sinceNanos) {
        List<BigDecimal> superseded = new ArrayList<>();
        for (int i = 0; i + 1 < history.size(); i++) {
            if (history.get(i + 1).sentNanos() >= sinceNanos) {
                superseded.add(history.get(i).price());
            }
        }
        return superseded;
    }

    private boolean servedEverywhere(String sku, BigDecimal price) {
        try {
            await().atMost(30, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(25)).until(() -> sides.values().stream()
                    .allMatch(side -> {
                        Http.Answer answer = Http.get(side + "/api/catalog/products/" + sku);
                        return answer.ok() && price(answer).equals(price);
                    }));
            return true;
        }
        catch (ConditionTimeoutException e) {
            return false;
        }
    }

    /** The product's price in an answer, or -1 when it has none (never equal to a price the load sets). */
    private static BigDecimal price(Http.Answer answer) {
        try {
            return new BigDecimal(answer.json().path("price").asString()).setScale(2);
        }
        catch (RuntimeException e) {
            return BigDecimal.ONE.negate();
        }
    }

    private void read(long deadline) {
        while (running(deadline)) {
            Product product = products.get(ThreadLocalRandom.current().nextInt(products.size()));
            call(Http.get(gateway + "/api/catalog/products/" + product.sku(), "X-User-Id", caller()));
            call(Http.get(gateway + "/api/catalog/products?size=5&page=" + ThreadLocalRandom.current().nextInt(5),
                    "X-User-Id", caller()));
            // pacing, not waiting for a state: keeps the readers at about 40 requests/s on a 2-core machine
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    /** A caller id out of 200, so that a canary of N % sends about N % of the callers to the service. */
    private static String caller() {
        return "caller-" + ThreadLocalRandom.current().nextInt(200);
    }

    private Http.Answer call(Http.Answer answer) {
        requests.incrementAndGet();
        if (!answer.ok()) {
            failures.add(answer.toString());
        }
        return answer;
    }
}
