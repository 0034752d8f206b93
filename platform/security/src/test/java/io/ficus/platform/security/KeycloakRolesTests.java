package io.ficus.platform.security;

import io.ficus.platform.security.testapp.SampleApplication;
import io.ficus.platform.testing.AuthorizationMatrix;
import io.ficus.platform.testing.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** An issuer that puts roles where Keycloak does ({@code realm_access.roles}): configuration only. */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "ficus.security.roles-claim=realm_access.roles")
class KeycloakRolesTests {

    static final TestIssuer issuer = TestIssuer.start("realm_access.roles");

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
    void rolesAreReadAtTheConfiguredClaimPath() {
        AuthorizationMatrix.of("http://127.0.0.1:" + port, issuer, "ann@example.com", "bob@example.com",
                        "sam@example.com", "reporter", "reports.read")
                .request("PUT", "/api/things/1", "{\"name\":\"x\"}").expect(401, 403, 403, 403, 200)
                .request("GET", "/api/reports").expect(401, 403, 403, 200, 200)
                .verify();
    }
}
