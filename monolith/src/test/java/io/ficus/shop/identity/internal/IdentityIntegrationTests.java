package io.ficus.shop.identity.internal;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/** The identity module on its own with demo data off (the test default) and no issuer configured. */
@ApplicationModuleTest
@AutoConfigureMockMvc
class IdentityIntegrationTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RegisteredClientRepository clients;

    @Autowired
    SigningKeys signingKeys;

    @Test
    void createsNoDemoUsersWhenDemoDataIsOff() {
        assertThat(jdbc.sql("select count(*) from identity.user_account").query(Long.class).single()).isZero();
    }

    @Test
    void registersNoConfidentialClientWithoutAConfiguredSecretWhenDemoDataIsOff() {
        assertThat(clients.findByClientId(RegisteredClients.GATEWAY)).isNull();
        assertThat(clients.findByClientId(RegisteredClients.AUTOMATION)).isNull();
        assertThat(clients.findByClientId(RegisteredClients.SHOP)).isNull();
        // the public command-line client holds no secret: users still need their own password
        assertThat(clients.findByClientId(RegisteredClients.CLI)).isNotNull()
                .satisfies(cli -> assertThat(cli.getClientSettings().isRequireProofKey()).isTrue());
    }

    @Test
    void takesTheIssuerFromTheRequestWhenNoneIsConfigured() {
        assertThat(mvc.get().uri("/.well-known/openid-configuration")).hasStatusOk()
                .bodyJson().extractingPath("$.issuer").isEqualTo("http://localhost");
    }

    @Test
    void keepsItsSigningKeysInItsSchema() {
        String kid = signingKeys.current().getKeyID();

        assertThat(jdbc.sql("select kid from identity.signing_key order by created_at desc limit 1").query(String.class).single())
                .isEqualTo(kid);
        assertThat(mvc.get().uri("/oauth2/jwks")).hasStatusOk().bodyJson().extractingPath("$.keys[0].kid").isEqualTo(kid);
    }

    @Test
    void sendsABrowserThatIsNotLoggedInToTheLoginForm() {
        assertThat(mvc.get().uri("/oauth2/authorize?response_type=code&client_id=ficus-cli&scope=openid"
                        + "&redirect_uri=http://127.0.0.1:4321/callback&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
                        + "&code_challenge_method=S256").header("Accept", "text/html"))
                .hasStatus(302).hasRedirectedUrl("/login");
    }
}
