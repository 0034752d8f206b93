package io.ficus.shop.catalog.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Loads the demo products of {@code demo/products.csv} on startup (existing SKUs are left alone), so a fresh
 * {@code java -jar} has something to sell. Off with {@code ficus.shop.demo-data=false}.
 */
@Component
@ConditionalOnBooleanProperty(name = "ficus.shop.demo-data", matchIfMissing = true)
class DemoCatalogLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoCatalogLoader.class);

    // Through the writer, so demo products get versions and ProductChanged events like any other write:
    // catalog-service then receives them through the same sync path.
    private final ProductWriter products;

    DemoCatalogLoader(ProductWriter products) {
        this.products = products;
    }

    @Override
    public void run(ApplicationArguments args) {
        int added = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new ClassPathResource("demo/products.csv").getInputStream(), StandardCharsets.UTF_8))) {
            for (String line : reader.lines().skip(1).filter(l -> !l.isBlank()).toList()) {
                // sku;name;description;price;currency;stock — stock belongs to the inventory module
                String[] f = line.split(";");
                if (products.createIfAbsent(new Product(f[0], f[1], f[2], new BigDecimal(f[3]), f[4])).isPresent()) {
                    added++;
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        log.info("Demo catalog: {} products added", added);
    }
}
