package io.ficus.platform.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.ficus.platform.security.testapp.SampleApplication;
import io.ficus.platform.testing.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The app starts while its issuer is down (the keys' warm-up runs in the background and is not waited for), serves
 * its public endpoints, answers a token it cannot check yet with 503, and accepts it once the issuer is back, without
 * a restart.
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "ficus.security.jwks.min-refetch-interval=1s")
class IssuerDownTests {

    static final TestIssuer issuer = TestIssuer.start();
    static final HttpClient http = HttpClient.newHttpClient();

    static {
        issuer.available(false);
    }

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", issuer::issuer);
    }

    @AfterAll
    static void stopIssuer() {
        issuer.close();
    }

    @Test
    void startsWithoutTheIssuerAndChecksTokensOnceItIsBack() throws Exception {
        assertThat(get("/api/things", null).statusCode()).isEqualTo(200);
        // the warm-up has been asking for the keys since startup, before any token
        await().atMost(Duration.ofSeconds(30)).until(() -> issuer.metadataRequests() > 0);

        String token = issuer.customer("ann@example.com");
        HttpResponse<String> unavailable = get("/api/me", token);
        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(unavailable.headers().firstValue("Content-Type")).get().asString()
                .startsWith("application/problem+json");
        assertThat(issuer.metadataRequests()).isPositive();

        issuer.available(true);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> get("/api/me", token).statusCode() == 200);
        assertThat(issuer.keySetRequests()).isPositive();
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
