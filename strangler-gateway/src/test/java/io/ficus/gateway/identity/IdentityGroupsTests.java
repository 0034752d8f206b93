package io.ficus.gateway.identity;

import java.util.List;
import java.util.Map;

import io.ficus.gateway.GatewaySettings;
import io.ficus.platform.testing.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** A verified token's groups come from the configured claim path: the roles claim by default, any other on request. */
class IdentityGroupsTests {

    static TestIssuer issuer;

    @BeforeAll
    static void start() {
        issuer = TestIssuer.start();
    }

    @AfterAll
    static void stop() {
        issuer.close();
    }

    @Test
    void groupsAreTheRolesByDefault() {
        TokenVerifier verifier = verifier(Map.of());
        assertThat(identity(verifier, issuer.staff("staff@example.com")).groups()).containsExactly("staff");
        assertThat(identity(verifier, issuer.customer("ada@example.com")).groups()).containsExactly("customer");
    }

    @Test
    void groupsComeFromAnotherClaimPathWhenConfigured() {
        TokenVerifier verifier = verifier(Map.of("ficus.gateway.security.groups-claim", "membership.groups"));
        String token = issuer.sign(issuer.userClaimsBuilder("ada@example.com", "customer")
                .claim("membership", Map.of("groups", List.of("beta-testers", "berlin"))).build());
        Identity identity = identity(verifier, token);
        assertThat(identity.groups()).containsExactlyInAnyOrder("beta-testers", "berlin");
        assertThat(identity.roles()).containsExactly("customer");
        assertThat(identity.inAnyGroup(List.of("staff", "berlin"))).isTrue();
        assertThat(identity.inAnyGroup(List.of("staff", "customer"))).isFalse();
        // a token without the claim belongs to no group
        assertThat(identity(verifier, issuer.staff("staff@example.com")).groups()).isEmpty();
    }

    private static TokenVerifier verifier(Map<String, String> extra) {
        Map<String, String> properties = new java.util.HashMap<>(extra);
        properties.put("ficus.gateway.security.issuer-uri", issuer.issuer());
        GatewaySettings settings = new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("ficus.gateway", GatewaySettings.class);
        return new TokenVerifier(settings.security());
    }

    private static Identity identity(TokenVerifier verifier, String token) {
        TokenCheck check = verifier.check(token).block();
        assertThat(check.failure()).isNull();
        return check.identity();
    }
}
