package io.ficus.gateway;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A real gateway started on random ports (public and management), for tests to call over HTTP. */
public final class GatewayInstance implements AutoCloseable {

    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "test-admin-secret";

    private final ConfigurableApplicationContext context;

    private GatewayInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Properties every test gateway needs; {@code overrides} win. */
    public static Map<String, Object> defaults(String databaseUrl, WireMockServer legacy, WireMockServer service) {
        return defaults(databaseUrl, legacy.baseUrl(), service.baseUrl());
    }

    /** Properties every test gateway needs, for backends given by URL; {@code overrides} win. */
    public static Map<String, Object> defaults(String databaseUrl, String legacyUrl, String serviceUrl) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("server.port", "0");
        properties.put("management.server.port", "0");
        properties.put("ficus.gateway.plan", "classpath:test-plan.yml");
        properties.put("ficus.gateway.admin.password", ADMIN_PASSWORD);
        properties.put("spring.datasource.url", databaseUrl);
        properties.put("spring.datasource.username", "postgres");
        properties.put("spring.datasource.hikari.maximum-pool-size", "4");
        properties.put("test.legacy-url", legacyUrl);
        properties.put("test.service-url", serviceUrl);
        properties.put("test.dead-url", "http://127.0.0.1:" + closedPort());
        return properties;
    }

    /** A port nothing listens on: it was free a moment ago. */
    private static int closedPort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static GatewayInstance start(Map<String, Object> properties) {
        // as command-line arguments: they must win over application.yml, as a deployment's settings would
        String[] args = properties.entrySet().stream().map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                .toArray(String[]::new);
        return new GatewayInstance(new SpringApplicationBuilder(GatewayApplication.class).run(args));
    }

    public int port() {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    public int managementPort() {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.management.port"));
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port())
                .responseTimeout(Duration.ofSeconds(15)).build();
    }

    public WebTestClient managementAnonymous() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + managementPort())
                .responseTimeout(Duration.ofSeconds(15)).build();
    }

    public WebTestClient admin() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + managementPort())
                .responseTimeout(Duration.ofSeconds(15))
                .defaultHeaders(headers -> headers.setBasicAuth(ADMIN_USER, ADMIN_PASSWORD))
                .build();
    }

    /** Moves a route with the admin API and expects it to succeed. */
    public void move(String routeId, String stage, Integer percent) {
        String percentJson = percent == null ? "" : ", \"percent\": " + percent;
        admin().put().uri("/admin/routes/{id}/stage", routeId)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"stage\": \"" + stage + "\"" + percentJson + ", \"reason\": \"test\"}")
                .exchange()
                .expectStatus().isOk();
    }

    @Override
    public void close() {
        context.close();
    }
}
