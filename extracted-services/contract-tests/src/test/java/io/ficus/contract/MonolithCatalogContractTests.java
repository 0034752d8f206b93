package io.ficus.contract;

import io.ficus.platform.testing.AppProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The catalog contract against the monolith's runnable jar, started once with its defaults and the suite's issuer. */
class MonolithCatalogContractTests extends CatalogContract {

    private AppProcess monolith;

    @BeforeAll
    void startMonolith() {
        monolith = AppProcess.of(AppJars.of("monolith"), "monolith").quickStart()
                .properties(ContractIssuer.ISSUER.springProperties()).start();
    }

    @AfterAll
    void stopMonolith() {
        if (monolith != null) {
            monolith.close();
        }
    }

    @Override
    String side() {
        return "monolith";
    }

    @Override
    String baseUrl() {
        return monolith.baseUrl();
    }
}
