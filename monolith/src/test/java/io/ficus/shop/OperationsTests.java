package io.ficus.shop;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** What operators and API consumers rely on: health groups, metrics, the module model, OpenAPI, demo data. */
@ShopApplicationTest
class OperationsTests {

    @LocalServerPort
    int port;

    private ShopHttp http;

    @BeforeEach
    void setUp() {
        http = new ShopHttp(port);
    }

    @Test
    void reportsHealthWithDatabaseAndProbeGroups() {
        ShopHttp.Response health = http.get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("components").get("db").get("status").asString()).isEqualTo("UP");
        assertThat(http.get("/actuator/health/liveness").json().get("status").asString()).isEqualTo("UP");
        ShopHttp.Response readiness = http.get("/actuator/health/readiness");
        assertThat(readiness.json().get("status").asString()).isEqualTo("UP");
        assertThat(readiness.json().get("components").has("db")).isTrue();
    }

    @Test
    void needsNoBrokerWhileEventsAreNotExternalized() {
        ShopHttp.Response health = http.get("/actuator/health");
        assertThat(health.json().get("status").asString()).isEqualTo("UP");
        // Boot's rabbit indicator would be DOWN here (no broker is configured for this test): it is switched off
        assertThat(health.json().get("components").has("rabbit")).isFalse();
        assertThat(http.get("/actuator/health/readiness").json().get("components").get("messaging").get("details")
                .get("externalization").asString()).isEqualTo("off");
    }

    @Test
    void exposesInfoMetricsPrometheusAndModules() {
        assertThat(http.get("/actuator/info").json().get("app").get("name").asString()).isEqualTo("Ficus shop");
        assertThat(http.get("/actuator/metrics").json().get("names")).isNotEmpty();
        assertThat(http.get("/actuator/prometheus").body()).contains("jvm_memory_used_bytes");
        assertThat(http.get("/actuator/modulith").json().properties()).extracting(java.util.Map.Entry::getKey)
                .contains("catalog", "inventory", "orders", "payments", "shipping", "notifications");
    }

    @Test
    void servesOpenApiDescription() {
        ShopHttp.Response apiDocs = http.get("/v3/api-docs");

        assertThat(apiDocs.status()).isEqualTo(200);
        assertThat(apiDocs.json().get("paths").has("/api/orders")).isTrue();
        assertThat(apiDocs.json().get("paths").has("/api/catalog/products/{sku}")).isTrue();
    }

    @Test
    void loadsDemoCatalogWithStock() {
        ShopHttp.Response products = http.get("/api/catalog/products?size=100");

        assertThat(products.json().get("total").asInt()).isGreaterThanOrEqualTo(20);
        assertThat(http.get("/api/inventory/stock/FIC-001").json().get("available").asInt()).isPositive();
    }
}
