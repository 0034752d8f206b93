package io.ficus.services.catalog.backfill;

import org.springframework.beans.factory.annotation.Autowired;
import io.ficus.platform.testing.TestIssuer;
import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.ficus.services.catalog.CatalogHttp;
import io.ficus.services.catalog.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfiguration;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** With the backfill switched on (the default outside tests), the service copies the monolith's products by itself. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "ficus.catalog.backfill.enabled=true")
@ContextConfiguration(initializers = { TestInfrastructure.class, BackfillAtStartupTests.MonolithWithFourProducts.class })
class BackfillAtStartupTests {

    @LocalServerPort
    int port;

    @Autowired
    TestIssuer issuer;

    @Test
    void copiesTheMonolithsProductsInTheBackgroundAfterStartup() {
        CatalogHttp http = new CatalogHttp(port, issuer);

        await().atMost(Duration.ofSeconds(60)).until(() -> http.get("/actuator/health").json()
                .get("components").get("backfill").get("details").get("status").asString().equals("COMPLETED"));

        assertThat(http.get("/api/catalog/products?q=BS-").json().get("total").asLong()).isEqualTo(4);
        assertThat(http.get("/api/catalog/products/BS-004").json().get("name").asString()).isEqualTo("Startup 4");
        assertThat(http.get("/actuator/health/readiness").json().get("status").asString()).isEqualTo("UP");
    }

    /** Gives the stand-in monolith its export before the application starts. */
    static class MonolithWithFourProducts implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            WireMockServer monolith = context.getBeanFactory().getBean("monolithStub", WireMockServer.class);
            monolith.stubFor(get(urlPathEqualTo("/api/catalog/export")).withQueryParam("after", absent())
                    .willReturn(okJson("{\"items\": [" + item(1) + "," + item(2) + "," + item(3) + "], \"next\": \"BS-003\"}")));
            monolith.stubFor(get(urlPathEqualTo("/api/catalog/export")).withQueryParam("after", equalTo("BS-003"))
                    .willReturn(okJson("{\"items\": [" + item(4) + "], \"next\": null}")));
        }

        private static String item(int i) {
            return """
                    {"sku": "BS-00%d", "name": "Startup %d", "description": "", "price": "1.00", "currency": "EUR", "version": %d}"""
                    .formatted(i, i, i);
        }
    }
}
