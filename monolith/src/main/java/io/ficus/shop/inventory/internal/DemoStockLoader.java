package io.ficus.shop.inventory.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/** Puts the demo stock of {@code demo/products.csv} on the shelves of SKUs that have none yet. */
@Component
@ConditionalOnBooleanProperty(name = "ficus.shop.demo-data", matchIfMissing = true)
class DemoStockLoader implements ApplicationRunner {

    private final StockRepository stock;

    DemoStockLoader(StockRepository stock) {
        this.stock = stock;
    }

    @Override
    public void run(ApplicationArguments args) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new ClassPathResource("demo/products.csv").getInputStream(), StandardCharsets.UTF_8))) {
            // sku;name;description;price;currency;stock — only the first and last columns are inventory's
            reader.lines().skip(1).filter(l -> !l.isBlank()).map(l -> l.split(";"))
                    .forEach(f -> stock.insertIfAbsent(f[0], Integer.parseInt(f[5])));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
