package io.ficus.gateway;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** Size limits, hop-by-hop headers, and forwarded headers from a peer that is not a trusted proxy. */
class HardeningTests {

    static WireMockServer legacy;
    static WireMockServer service;
    static GatewayInstance gateway;

    @BeforeAll
    static void start() {
        legacy = Backends.started("legacy");
        service = Backends.started("service");
        Map<String, Object> properties = GatewayInstance.defaults(TestDatabase.newDatabaseUrl(), legacy, service);
        properties.put("ficus.gateway.limits.max-body-size", "1KB");
        properties.put("ficus.gateway.limits.max-header-size", "4KB");
        // the test client (127.0.0.1) is not this proxy
        properties.put("spring.cloud.gateway.server.webflux.trusted-proxies", "10\\.9\\.9\\.9");
        gateway = GatewayInstance.start(properties);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        legacy.stop();
        service.stop();
    }

    @Test
    void refusesADeclaredBodyOverTheLimitWith413() {
        gateway.client().post().uri("/big").contentType(MediaType.APPLICATION_JSON).bodyValue("x".repeat(2_000))
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        legacy.verify(0, anyRequestedFor(urlEqualTo("/big")));
    }

    @Test
    void refusesAChunkedBodyThatGrowsOverTheLimitWith413() {
        Flux<DataBuffer> chunks = Flux.range(0, 20).map(i -> DefaultDataBufferFactory.sharedInstance
                .wrap("y".repeat(200).getBytes(StandardCharsets.UTF_8)));
        gateway.client().post().uri("/big-chunked").contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(chunks, DataBuffer.class)
                .exchange()
                .expectStatus().isEqualTo(413);
    }

    @Test
    void acceptsABodyWithinTheLimit() {
        gateway.client().post().uri("/small").bodyValue("x".repeat(500)).exchange().expectStatus().isOk();
    }

    @Test
    void refusesHeadersOverTheLimitWith431() {
        gateway.client().get().uri("/headers").header("X-Big", "z".repeat(5_000)).exchange()
                .expectStatus().isEqualTo(431)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        legacy.verify(0, anyRequestedFor(urlEqualTo("/headers")));
    }

    @Test
    void dropsSpoofedForwardedHeadersFromAPeerThatIsNotATrustedProxy() {
        gateway.client().get().uri("/forwarded")
                .header("X-Forwarded-For", "6.6.6.6")
                .header("X-Forwarded-Host", "evil.example")
                .header("X-Forwarded-Proto", "https")
                .header("Forwarded", "for=6.6.6.6;host=evil.example")
                .exchange().expectStatus().isOk();

        LoggedRequest received = legacy.findAll(getRequestedFor(urlPathEqualTo("/forwarded"))).get(0);
        assertThat(received.getHeaders().all().toString()).doesNotContain("6.6.6.6").doesNotContain("evil.example");
        // replaced by the gateway's own description of the public request
        legacy.verify(getRequestedFor(urlEqualTo("/forwarded")).withHeader("Forwarded", absent())
                .withHeader("X-Forwarded-Proto", com.github.tomakehurst.wiremock.client.WireMock.equalTo("http"))
                .withHeader("X-Forwarded-Host", com.github.tomakehurst.wiremock.client.WireMock.equalTo(
                        "127.0.0.1:" + gateway.port())));
    }

    @Test
    void refusesTheBackendsActuatorOnThePublicPortWithProblem404() {
        for (String path : new String[] {"/actuator", "/actuator/health", "/actuator/prometheus", "/actuator/env/x"}) {
            gateway.client().get().uri(path).exchange()
                    .expectStatus().isNotFound()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.status").isEqualTo(404);
        }
        legacy.verify(0, anyRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching("/actuator.*")));
        gateway.client().get().uri("/actuators-guide").exchange().expectStatus().isOk()
                .expectBody(String.class).isEqualTo("legacy");
    }

    @Test
    void stripsHopByHopHeadersBeforeTheBackend() {
        gateway.client().get().uri("/hop")
                .header("Connection", "keep-alive, X-Hop-Secret")
                .header("X-Hop-Secret", "1")
                .header("Keep-Alive", "timeout=5")
                .header("Proxy-Authorization", "Basic c2VjcmV0")
                .header("TE", "trailers")
                .header("X-Kept", "yes")
                .exchange().expectStatus().isOk();

        legacy.verify(getRequestedFor(urlEqualTo("/hop"))
                .withHeader("X-Hop-Secret", absent())
                .withHeader("Keep-Alive", absent())
                .withHeader("Proxy-Authorization", absent())
                .withHeader("TE", absent())
                .withHeader("X-Kept", com.github.tomakehurst.wiremock.client.WireMock.equalTo("yes")));
    }

    @Test
    void stripsTheOverrideHeaderEvenWhenOverridesAreDisabledAndIgnoresIt() {
        gateway.move("catalog-reads", "canary", 0);
        try {
            gateway.client().get().uri("/api/catalog/override").header("X-Ficus-Side", "service")
                    .header("Cookie", "ficus-side=service")
                    .exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("legacy");
            legacy.verify(getRequestedFor(urlEqualTo("/api/catalog/override")).withHeader("X-Ficus-Side", absent())
                    .withHeader("Cookie", absent()));
        }
        finally {
            gateway.move("catalog-reads", "legacy", null);
        }
    }
}
