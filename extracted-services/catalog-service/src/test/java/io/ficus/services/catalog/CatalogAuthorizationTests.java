package io.ficus.services.catalog;

import io.ficus.platform.security.EndpointRuleCoverage;
import io.ficus.platform.testing.AuthorizationMatrix;
import io.ficus.platform.testing.TestIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** Every endpoint of catalog-service against every kind of caller (CatalogAccessRules, ADR 0014). */
@CatalogServiceTest
class CatalogAuthorizationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestIssuer issuer;

    @Autowired
    ApplicationContext context;

    @Test
    void everyEndpointHasAnAccessRule() {
        EndpointRuleCoverage.assertEveryEndpointHasARule(context);
    }

    @Test
    void readsArePublicAndWritesNeedTheStaffRole() {
        CatalogHttp staff = new CatalogHttp(port, issuer);
        staff.create("AZ-100", "Read me", "1.00");
        staff.create("AZ-200", "Delete me", "2.00");
        String product = """
                {"sku": "AZ-100", "name": "Read me", "description": "changed", "price": "1.50", "currency": "EUR"}""";
        String newProduct = """
                {"sku": "AZ-300", "name": "New", "description": "", "price": "3.00", "currency": "EUR"}""";

        AuthorizationMatrix.of("http://127.0.0.1:" + port, issuer, "ann@example.com", "bob@example.com",
                        "sam@example.com", "ficus-shop", "catalog.read")
                .request("GET", "/api/catalog/products?q=az").expectEveryone(200)
                .request("GET", "/api/catalog/products/AZ-100").expectEveryone(200)
                .request("HEAD", "/api/catalog/products/AZ-100").expectEveryone(200)
                .request("GET", "/api/catalog/products/AZ-999").expectEveryone(404)
                .request("GET", "/api/catalog/export?limit=5").expectEveryone(200)
                .request("POST", "/api/catalog/products", newProduct).expect(401, 403, 403, 403, 201)
                .request("PUT", "/api/catalog/products/AZ-100", product).expect(401, 403, 403, 403, 200)
                .request("DELETE", "/api/catalog/products/AZ-200").expect(401, 403, 403, 403, 204)
                .request("DELETE", "/api/catalog/products").expect(401, 403, 403, 403, 405)
                .request("GET", "/actuator/health/liveness").expectEveryone(200)
                .request("GET", "/actuator/info").expectEveryone(200)
                .request("GET", "/actuator/env").expect(401, 403, 403, 403, 403)
                .verify();
    }
}
