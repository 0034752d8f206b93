package io.ficus.shop.identity.internal;

import java.util.Map;

import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * With demo data on and no secret configured for {@code ficus-shop}, the shop's own client, makes one before the
 * application starts and puts it into the environment as {@code ficus.identity.clients.shop-secret}: the identity
 * module registers the client with it, and the orders module's catalog client reads the same property to ask for its
 * token. Configuration is their only contract, so neither module depends on the other. Printed like the other demo
 * secrets, new at every start.
 */
class DemoShopSecret implements EnvironmentPostProcessor {

    static final String PROPERTY = "ficus.identity.clients.shop-secret";

    private final Log log;

    DemoShopSecret(DeferredLogFactory logs) {
        this.log = logs.getLog(DemoShopSecret.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        boolean demoData = environment.getProperty("ficus.shop.demo-data", Boolean.class, true);
        if (!demoData || StringUtils.hasText(environment.getProperty(PROPERTY))) {
            return;
        }
        String secret = Secrets.generate();
        environment.getPropertySources().addLast(new MapPropertySource("ficusDemoShopSecret", Map.of(PROPERTY, secret)));
        log.warn("Demo client " + RegisteredClients.SHOP + ": generated secret " + secret + " (new at every start; "
                + "configure ficus.identity.clients.shop-secret to choose one)");
    }
}
