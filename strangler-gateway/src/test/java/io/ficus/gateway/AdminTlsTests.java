package io.ficus.gateway;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin port speaks TLS when given an SSL bundle by Spring Boot's own properties; the public port is unchanged. */
class AdminTlsTests {

    @Test
    void servesTheAdminApiOverTlsFromAnSslBundle() throws Exception {
        WireMockServer legacy = Backends.started("legacy");
        Map<String, Object> properties = GatewayInstance.defaults(TestDatabase.newDatabaseUrl(), legacy, legacy);
        properties.put("spring.ssl.bundle.pem.admin.keystore.certificate", "classpath:admin-tls/cert.pem");
        properties.put("spring.ssl.bundle.pem.admin.keystore.private-key", "classpath:admin-tls/key.pem");
        properties.put("management.server.ssl.bundle", "admin");
        try (GatewayInstance gateway = GatewayInstance.start(properties)) {
            HttpClient client = HttpClient.newBuilder().sslContext(trusting("admin-tls/cert.pem"))
                    .connectTimeout(Duration.ofSeconds(5)).build();
            String credentials = Base64.getEncoder().encodeToString(("admin:" + GatewayInstance.ADMIN_PASSWORD)
                    .getBytes(StandardCharsets.UTF_8));

            HttpResponse<String> routes = client.send(HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + gateway.managementPort() + "/admin/routes"))
                    .header("Authorization", "Basic " + credentials).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(routes.statusCode()).isEqualTo(200);
            assertThat(routes.body()).contains("catalog-reads");

            HttpResponse<String> login = client.send(HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + gateway.managementPort() + "/admin/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=" + GatewayInstance.ADMIN_PASSWORD))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).isEqualTo(303);
            assertThat(login.headers().firstValue("Set-Cookie")).as("the dashboard's session cookie over TLS")
                    .hasValueSatisfying(cookie -> assertThat(cookie).startsWith("ficus-admin-session=")
                            .contains("; Secure"));

            assertThat(plainHttpStatus(gateway, credentials)).as("plain HTTP on the TLS port").isNotEqualTo(200);
            gateway.client().get().uri("/anything").exchange().expectStatus().isOk();
        }
        finally {
            legacy.stop();
        }
    }

    /** The status plain HTTP gets from the TLS port, or -1 when the connection fails (the usual outcome). */
    private static int plainHttpStatus(GatewayInstance gateway, String credentials) throws InterruptedException {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + gateway.managementPort() + "/admin/routes"))
                    .timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Basic " + credentials).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode();
        }
        catch (java.io.IOException e) {
            return -1;
        }
    }

    private static SSLContext trusting(String certificate) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = new ClassPathResource(certificate).getInputStream()) {
            Certificate cert = CertificateFactory.getInstance("X.509").generateCertificate(in);
            store.setCertificateEntry("admin", cert);
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
