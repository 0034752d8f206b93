package io.ficus.shop;

import java.time.Duration;
import java.util.UUID;

import io.ficus.platform.security.EndpointRuleCoverage;
import io.ficus.platform.testing.AuthorizationMatrix;
import io.ficus.platform.testing.AuthorizationMatrix.Caller;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every endpoint of the shop against every kind of caller (ShopAccessRules, ADR 0016): anonymous, a customer (ann),
 * another customer (bob), a machine client, staff, and the four refused tokens (expired, foreign key, another
 * audience, another issuer), each answer the status the rules say, as problem+json, with WWW-Authenticate on 401.
 * The identity module's endpoints keep their own chains and protocol errors (IdentityProviderTests).
 */
@ShopApplicationTest
class ShopAuthorizationTests {

    private static final String ANN = "ann@example.com";
    private static final String BOB = "bob@example.com";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void everyEndpointHasAnAccessRule() {
        EndpointRuleCoverage.assertEveryEndpointHasARule(context);
    }

    @Test
    void everyCallerGetsWhatTheRulesSay() {
        PaymentProviderStub.reset();
        ShopHttp http = new ShopHttp(port);
        String sku = "AZ-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String doomed = sku + "-D";
        http.stock(sku, "2.50", 1000);
        http.stock(doomed, "1.00", 1);
        ShopHttp.Response placed = http.asCustomer(ANN).postJson("/api/orders", order(null, sku));
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        String annsOrder = placed.json().get("id").asString();
        // shipped and notified: the shipment and notification rows below have something to hide from bob
        await().atMost(Duration.ofSeconds(30)).until(() -> http.asStaff()
                .get("/api/shipments?orderId=" + annsOrder).json().get("total").asInt() == 1
                && http.asStaff().get("/api/notifications?customer=" + ANN).body().contains(annsOrder));

        String product = """
                {"sku": "%s", "name": "Changed", "description": "", "price": "2.75", "currency": "EUR"}"""
                .formatted(sku);
        String newProduct = """
                {"sku": "%s-N", "name": "New", "description": "", "price": "3.00", "currency": "EUR"}""".formatted(sku);

        AuthorizationMatrix.of("http://127.0.0.1:" + port, TestTokens.ISSUER, ANN, BOB, TestTokens.STAFF,
                        "ficus-automation", "gateway.admin")
                .request("GET", "/api/catalog/products?q=" + sku).expectEveryone(200)
                .request("GET", "/api/catalog/products/" + sku).expectEveryone(200)
                .request("HEAD", "/api/catalog/products/" + sku).expectEveryone(200)
                .request("GET", "/api/catalog/products/NO-SUCH-SKU").expectEveryone(404)
                .request("GET", "/api/catalog/export?limit=5").expectEveryone(200)
                .request("POST", "/api/catalog/products", newProduct).expect(401, 403, 403, 403, 201)
                .request("PUT", "/api/catalog/products/" + sku, product).expect(401, 403, 403, 403, 200)
                .request("PATCH", "/api/catalog/products/" + sku, product).expect(401, 403, 403, 403, 405)
                .request("DELETE", "/api/catalog/products/" + doomed).expect(401, 403, 403, 403, 204)
                .request("GET", "/api/inventory/stock/" + sku).expectEveryone(200)
                .request("PUT", "/api/inventory/stock/" + sku, "{\"available\": 900}").expect(401, 403, 403, 403, 200)

                .request("POST", "/api/orders", order(null, sku)).expect(401, 201, 201, 403, 403)
                .request("POST", "/api/orders", order(ANN, sku)).expect(401, 201, 403, 403, 403)
                .request("GET", "/api/orders/" + annsOrder)
                        .bodyOf(Caller.CUSTOMER, "ann's order", body -> body.contains(annsOrder))
                        .bodyOf(Caller.OTHER_CUSTOMER, "the unknown-order answer", body -> !body.contains(ANN))
                        .expect(401, 200, 404, 403, 200)
                .request("GET", "/api/orders/" + UUID.randomUUID()).expect(401, 404, 404, 403, 404)
                .request("GET", "/api/orders")
                        .bodyOf(Caller.CUSTOMER, "a page holding ann's order", body -> body.contains(annsOrder))
                        .bodyOf(Caller.OTHER_CUSTOMER, "a page without ann's order", body -> !body.contains(annsOrder))
                        .expect(401, 200, 200, 403, 400)
                .request("GET", "/api/orders?customer=" + ANN)
                        .bodyOf(Caller.OTHER_CUSTOMER, "an empty page", body -> body.contains("\"total\":0"))
                        .bodyOf(Caller.STAFF, "a page holding ann's order", body -> body.contains(annsOrder))
                        .expect(401, 200, 200, 403, 200)
                .request("DELETE", "/api/orders").expect(401, 405, 405, 403, 405)
                .request("GET", "/api/shipments?orderId=" + annsOrder)
                        .bodyOf(Caller.CUSTOMER, "ann's shipment", body -> body.contains(annsOrder))
                        .bodyOf(Caller.OTHER_CUSTOMER, "an empty page", body -> body.contains("\"total\":0"))
                        .expect(401, 200, 200, 403, 200)
                .request("GET", "/api/notifications?customer=" + ANN)
                        .bodyOf(Caller.CUSTOMER, "ann's notifications", body -> body.contains(annsOrder))
                        .bodyOf(Caller.OTHER_CUSTOMER, "an empty page", body -> body.contains("\"total\":0"))
                        .expect(401, 200, 200, 403, 200)
                .request("GET", "/api/notifications/export?limit=5").expect(401, 403, 403, 403, 200)

                .request("GET", "/v3/api-docs").expectEveryone(200)
                .request("GET", "/actuator/health")
                        .bodyOf(Caller.CUSTOMER, "components without details", body -> !body.contains("\"details\""))
                        .bodyOf(Caller.STAFF, "components with details", body -> body.contains("\"details\""))
                        .expectEveryone(200)
                .request("GET", "/actuator/health/readiness").expectEveryone(200)
                .request("GET", "/actuator/info").expectEveryone(200)
                .request("GET", "/actuator/metrics").expectEveryone(200)
                // past the rules: the answer is Prometheus' own (it serves no JSON, which the matrix asks for)
                .request("GET", "/actuator/prometheus").expectEveryone(406)
                .request("GET", "/actuator/modulith").expectEveryone(200)
                .request("GET", "/actuator/env").expect(401, 403, 403, 403, 403)
                .request("POST", "/actuator/health").expect(401, 403, 403, 403, 403)
                .request("GET", "/api/no-such-endpoint").expect(401, 403, 403, 403, 403)
                .verify();
    }

    @Test
    void pathTricksAreRefusedBeforeAnyRuleWithAProblem() {
        ShopHttp anonymous = new ShopHttp(port);
        for (String tricky : new String[] { "/api/catalog/products;x=1/FIC-001", "/api/catalog//products",
                "/api/catalog/products/..%2F..%2Forders", "/api/catalog/products/%2e%2e/x",
                "/api/catalog/products/../../api/orders", "/api/catalog/products%2FFIC-001" }) {
            ShopHttp.Response response = anonymous.withToken(TestTokens.customer(ANN)).putJson(tricky,
                    "{\"available\": 1}");
            assertThat(response.status()).as(tricky).isEqualTo(400);
            assertThat(response.contentType()).as(tricky).startsWith("application/problem+json");
            assertThat(response.json().get("status").asInt()).as(tricky).isEqualTo(400);
        }
    }

    private static String order(String customer, String sku) {
        String who = customer == null ? "" : "\"customer\": \"%s\", ".formatted(customer);
        return "{" + who + "\"lines\": [{\"sku\": \"%s\", \"quantity\": 1}]}".formatted(sku);
    }
}
