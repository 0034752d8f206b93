package io.ficus.services.catalog;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.ficus.platform.testing.TestIssuer;
import io.ficus.platform.testing.TestVirtualHost;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.HashMap;
import java.util.Map;

/**
 * Gives each test application context a RabbitMQ virtual host of its own, a WireMock server in place of
 * the monolith and a token issuer of its own (bean {@code testIssuer}); all go away after the context has stopped its listeners.
 */
public class TestInfrastructure implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestVirtualHost virtualHost = TestVirtualHost.create("catalog-service-test");
        TestIssuer issuer = TestIssuer.start();
        WireMockServer monolith = new WireMockServer(options().dynamicPort());
        monolith.start();
        Map<String, Object> properties = new HashMap<>(virtualHost.springProperties());
        properties.put("ficus.catalog.backfill.source-url", monolith.baseUrl());
        properties.putAll(issuer.springProperties());
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("testInfrastructure", properties));
        DefaultListableBeanFactory beans = (DefaultListableBeanFactory) context.getBeanFactory();
        beans.registerSingleton("monolithStub", monolith);
        beans.registerSingleton("testIssuer", issuer);
        // Registered first, destroyed last: after the listener containers have disconnected.
        beans.registerDisposableBean("testInfrastructureCleanup", () -> {
            monolith.stop();
            issuer.close();
            virtualHost.close();
        });
    }
}
