package io.ficus.shop.identity.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import io.ficus.platform.testing.FreePorts;
import io.ficus.shop.PaymentProviderStubInitializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shop with its default settings is the issuer of the tokens its own endpoints accept (ADR 0016): no issuer
 * configured, so tokens name the URL they were asked on and the resource server expects
 * {@code http://localhost:<port>}, whose keys it fetches from itself once the first token arrives. Tokens come from
 * bin/ficus-token (the real authorization code flow) and from the token endpoint (client credentials).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "ficus.shop.demo-data=true",
        "ficus.identity.demo.password=" + ShopAsItsOwnIssuerTests.PASSWORD,
        "ficus.identity.clients.shop-secret=" + ShopAsItsOwnIssuerTests.SHOP_SECRET })
@ContextConfiguration(initializers = { PaymentProviderStubInitializer.class, ShopAsItsOwnIssuerTests.FreePort.class })
class ShopAsItsOwnIssuerTests {

    static final String PASSWORD = "Own-Issuer-Passw0rd";
    static final String SHOP_SECRET = "own-issuer-shop-secret";
    private static final int PORT = FreePorts.next();
    private static final String BASE = "http://localhost:" + PORT;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void customersOrderAndSeeOnlyTheirOwnOrdersWithTokensTheShopIssued() {
        String ada = token("ada@example.com");

        HttpResponse<String> placed = send("POST", "/api/orders", ada,
                "{\"lines\": [{\"sku\": \"FIC-001\", \"quantity\": 1}]}");
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        String id = JSON.readTree(placed.body()).get("id").asString();
        assertThat(JSON.readTree(placed.body()).get("customer").asString()).isEqualTo("ada@example.com");

        assertThat(send("GET", "/api/orders/" + id, ada, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/orders/" + id, token("grace@example.com"), null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/api/orders/" + id, token("staff@example.com"), null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/orders/" + id, null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void staffWriteStockAndTheShopsOwnMachineIdentityMayNot() {
        String stock = "{\"available\": 42}";
        assertThat(send("PUT", "/api/inventory/stock/FIC-002", token("staff@example.com"), stock).statusCode())
                .isEqualTo(200);
        HttpResponse<String> machine = send("PUT", "/api/inventory/stock/FIC-002", shopClientToken(), stock);
        assertThat(machine.statusCode()).isEqualTo(403);
        assertThat(machine.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    private static String token(String user) {
        IdentityProviderTests.Script run = IdentityProviderTests.script(Map.of("FICUS_PASSWORD", PASSWORD),
                "--issuer", BASE, user);
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        return run.stdout().strip();
    }

    private static String shopClientToken() {
        String basic = Base64.getEncoder().encodeToString(("ficus-shop:" + SHOP_SECRET).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> answer = exchange(HttpRequest.newBuilder(URI.create(BASE + "/oauth2/token"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=catalog.read")).build());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body()).get("access_token").asString();
    }

    private static HttpResponse<String> send(String method, String path, String token, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(BASE + path)).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return exchange(request.build());
    }

    private static HttpResponse<String> exchange(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException e) {
            throw new AssertionError(request.uri() + ": no answer", e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A fixed port chosen before the shop starts: the default issuer URL is built from it. */
    static final class FreePort implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestPropertyValues.of("server.port=" + PORT).applyTo(context);
        }
    }
}
