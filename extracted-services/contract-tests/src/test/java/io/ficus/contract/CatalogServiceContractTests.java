package io.ficus.contract;

import io.ficus.platform.testing.AppProcess;
import io.ficus.platform.testing.TestVirtualHost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The catalog contract against catalog-service's runnable jar: its own embedded database, no backfill (the suite
 * makes its own products), the machine's RabbitMQ in a virtual host of its own for the events it publishes.
 */
class CatalogServiceContractTests extends CatalogContract {

    private TestVirtualHost broker;
    private AppProcess service;

    @BeforeAll
    void startService() {
        broker = TestVirtualHost.create("contract");
        service = AppProcess.of(AppJars.of("catalog-service"), "catalog-service").quickStart()
                .properties(broker.springProperties())
                .properties(ContractIssuer.ISSUER.springProperties())
                .property("ficus.catalog.backfill.enabled", false)
                .start();
    }

    @AfterAll
    void stopService() {
        if (service != null) {
            service.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Override
    String side() {
        return "catalog-service";
    }

    @Override
    String baseUrl() {
        return service.baseUrl();
    }
}
