package io.ficus.keycloak;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import io.ficus.platform.testing.AppProcess;
import io.ficus.platform.testing.TestVirtualHost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Another identity provider is configuration only: catalog-service's runnable jar, given nothing but properties
 * (issuer URI and the roles' claim path), checks tokens that a real Keycloak issued by the client-credentials grant
 * for the realm of {@code keycloak/ficus-realm.json}: staff may write, a customer is refused (403), nobody is asked
 * to authenticate (401).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 15, unit = java.util.concurrent.TimeUnit.MINUTES)
class CatalogServiceWithKeycloakTests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private KeycloakServer keycloak;
    private TestVirtualHost broker;
    private AppProcess service;

    @BeforeAll
    void start() {
        try {
            // Keycloak's first start builds its server (Quarkus augmentation): over a minute on 2 busy cores
            keycloak = KeycloakServer.start(Duration.ofMinutes(8));
            broker = TestVirtualHost.create("keycloak");
            service = AppProcess.of(appJar("catalog-service"), "catalog-service").quickStart()
                    .properties(broker.springProperties())
                    .property("ficus.catalog.backfill.enabled", false)
                    .property("spring.security.oauth2.resourceserver.jwt.issuer-uri", keycloak.issuer())
                    .property("ficus.security.roles-claim", "realm_access.roles")
                    .start();
        }
        catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    @AfterAll
    void stop() {
        if (service != null) {
            service.close();
        }
        if (broker != null) {
            broker.close();
        }
        if (keycloak != null) {
            keycloak.close();
        }
    }

    @Test
    void keycloakTokensAreCheckedByTheServiceItself() throws Exception {
        String staff = keycloak.clientCredentialsToken("ficus-staff-bot", "test-only-staff-bot-secret");
        String customer = keycloak.clientCredentialsToken("ficus-customer-bot", "test-only-customer-bot-secret");
        // what Keycloak put in, by the realm's configuration: the audience mapper and the realm roles
        assertThat(KeycloakServer.claims(staff).get("iss").asString()).isEqualTo(keycloak.issuer());
        assertThat(KeycloakServer.claims(staff).get("aud").toString()).contains("\"ficus\"");
        assertThat(KeycloakServer.claims(staff).get("realm_access").get("roles").toString()).contains("\"staff\"");

        String sku = "KC-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String product = """
                {"sku": "%s", "name": "Weeping fig", "description": "", "price": "12.50", "currency": "EUR"}"""
                .formatted(sku);

        HttpResponse<String> anonymous = put(sku, product, null);
        assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Bearer");

        HttpResponse<String> asCustomer = put(sku, product, customer);
        assertThat(asCustomer.statusCode()).as(asCustomer.body()).isEqualTo(403);
        assertThat(asCustomer.headers().firstValue("Content-Type")).get().asString()
                .startsWith("application/problem+json");

        HttpResponse<String> asStaff = put(sku, product, staff);
        assertThat(asStaff.statusCode()).as(asStaff.body()).isIn(200, 201);
        HttpResponse<String> read = send(HttpRequest.newBuilder(uri("/api/catalog/products/" + sku)).GET(), null);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).contains("Weeping fig");

        // a token Keycloak signed, altered afterwards: the signature no longer matches
        String[] parts = staff.split("\\.");
        String tampered = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        assertThat(put(sku, product, tampered).statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> put(String sku, String body, String token) throws Exception {
        return send(HttpRequest.newBuilder(uri("/api/catalog/products/" + sku))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)), token);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String token) throws Exception {
        request.timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create(service.baseUrl() + path);
    }

    private static Path appJar(String artifactId) {
        Path jar = Path.of(System.getProperty("ficus.apps.directory", "target/apps"), artifactId + "-exec.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the test through Maven, which copies the jar");
        }
        return jar;
    }
}
