package io.ficus.shop;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The Ficus shop: one deployable, cut into Spring Modulith application modules. {@code system} (errors, request
 * hygiene, event retries) is shared: every module test runs with it, as the whole application does.
 */
@Modulithic(systemName = "Ficus shop", sharedModules = "system")
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class ShopApplication {

    public static void main(String[] args) {
        SpringApplication.run(ShopApplication.class, args);
    }
}
