package io.ficus.gateway;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The admin port: loopback by default, throttled logins, exact user names, problem+json for every error. */
class AdminHardeningTests {

    static WireMockServer legacy;
    static GatewayInstance gateway;

    @BeforeAll
    static void start() {
        legacy = Backends.started("legacy");
        Map<String, Object> properties = GatewayInstance.defaults(TestDatabase.newDatabaseUrl(), legacy, legacy);
        properties.put("ficus.gateway.admin.throttle.free-failures", "3");
        properties.put("ficus.gateway.admin.throttle.first-delay", "60s");
        gateway = GatewayInstance.start(properties);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        legacy.stop();
    }

    @Test
    void listensOnLoopbackOnlyByDefaultWhileTheProxiedPortListensEverywhere() throws IOException {
        // 127.0.0.2 is loopback too, but not the address the admin port is bound to
        assertThatThrownBy(() -> connect("127.0.0.2", gateway.managementPort())).isInstanceOf(ConnectException.class);
        connect("127.0.0.2", gateway.port());
    }

    @Test
    void throttlesFailedLoginsPerClientWith429AndRetryAfterEvenForTheRightPassword() throws IOException {
        // another loopback source address stands for another client, so the other tests keep their own count
        String client = "127.0.0.3";
        for (int i = 0; i < 3; i++) {
            assertThat(adminCall(client, "admin", "wrong-" + i).status()).isEqualTo(401);
        }
        RawHttp.Response locked = adminCall(client, "admin", "wrong-again");
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(1L, 60L);

        assertThat(adminCall(client, "admin", GatewayInstance.ADMIN_PASSWORD).status()).isEqualTo(429);
        assertThat(adminCall("127.0.0.4", "admin", GatewayInstance.ADMIN_PASSWORD).status())
                .as("another client is not locked out").isEqualTo(200);
    }

    @Test
    void matchesTheUserNameExactly() throws IOException {
        assertThat(adminCall("127.0.0.5", "Admin", GatewayInstance.ADMIN_PASSWORD).status()).isEqualTo(401);
        assertThat(adminCall("127.0.0.5", "admin ", GatewayInstance.ADMIN_PASSWORD).status()).isEqualTo(401);
        assertThat(adminCall("127.0.0.5", "admin", GatewayInstance.ADMIN_PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void answersEveryAdminErrorAsProblemJsonWithoutInternalNames() {
        List<String> bodies = List.of(
                gateway.managementAnonymous().get().uri("/admin/routes").exchange()
                        .expectStatus().isUnauthorized()
                        .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .expectHeader().valueMatches("WWW-Authenticate", "Basic realm=.*")
                        .expectBody(String.class).returnResult().getResponseBody(),
                gateway.admin().put().uri("/admin/routes/catalog-reads/stage").contentType(MediaType.TEXT_PLAIN)
                        .bodyValue("stage=live").exchange()
                        .expectStatus().isEqualTo(415)
                        .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .expectBody(String.class).returnResult().getResponseBody(),
                gateway.admin().put().uri("/admin/routes/catalog-reads/stage").contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("{\"stage\": [1, 2]}").exchange()
                        .expectStatus().isBadRequest()
                        .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .expectBody(String.class).returnResult().getResponseBody(),
                gateway.admin().get().uri("/admin/nothing-here").exchange()
                        .expectStatus().isNotFound()
                        .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .expectBody(String.class).returnResult().getResponseBody(),
                gateway.admin().delete().uri("/admin/routes").exchange()
                        .expectStatus().isEqualTo(405)
                        .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .expectHeader().valueEquals("Allow", "GET")
                        .expectBody(String.class).returnResult().getResponseBody());

        assertThat(bodies).allSatisfy(body -> assertThat(body).contains("\"status\"")
                .doesNotContain("io.ficus").doesNotContain("java.").doesNotContain("Exception"));
    }

    private static RawHttp.Response adminCall(String client, String user, String password) throws IOException {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return RawHttp.exchangeFrom(client, gateway.managementPort(), "GET /admin/routes HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Basic " + credentials + "\r\nConnection: close\r\n\r\n", 15_000).get(0);
    }

    private static void connect(String address, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2_000);
        }
    }
}
