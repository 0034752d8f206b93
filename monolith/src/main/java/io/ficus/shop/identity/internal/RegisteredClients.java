package io.ficus.shop.identity.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.util.StringUtils;

/**
 * The shop's first-party clients, none asking for consent: {@code ficus-gateway} (browser logins), {@code ficus-cli}
 * (a terminal, public, PKCE), {@code ficus-automation} (scripts driving the gateway's admin API) and {@code ficus-shop}
 * (the shop's own service identity). A confidential client is registered when its secret is configured, or with a
 * secret generated at this start and printed when demo data is on.
 */
final class RegisteredClients {

    static final String GATEWAY = "ficus-gateway";
    static final String CLI = "ficus-cli";
    static final String AUTOMATION = "ficus-automation";
    static final String SHOP = "ficus-shop";

    /** RFC 8252 loopback redirect: Spring Authorization Server accepts any port on 127.0.0.1 for it. */
    static final String CLI_REDIRECT = "http://127.0.0.1/callback";
    static final String ORDERS_SCOPE = "orders";
    static final String GATEWAY_ADMIN_SCOPE = "gateway.admin";
    static final String CATALOG_READ_SCOPE = "catalog.read";

    private static final Logger log = LoggerFactory.getLogger(RegisteredClients.class);

    private RegisteredClients() {
    }

    static InMemoryRegisteredClientRepository of(IdentitySettings settings, boolean demoData, PasswordEncoder encoder) {
        IdentitySettings.Clients clients = settings.clients();
        TokenSettings tokens = TokenSettings.builder()
                .accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
                .accessTokenTimeToLive(settings.accessTokenLifetime())
                .build();
        ClientSettings firstParty = ClientSettings.builder().requireAuthorizationConsent(false).requireProofKey(true).build();
        List<RegisteredClient> registered = new ArrayList<>();

        secret(GATEWAY, clients.gatewaySecret(), demoData).ifPresent(secret -> registered.add(RegisteredClient.withId(GATEWAY)
                .clientId(GATEWAY)
                .clientSecret(encoder.encode(secret))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUris(uris -> uris.addAll(clients.gatewayRedirectUris()))
                .postLogoutRedirectUris(uris -> uris.addAll(clients.gatewayPostLogoutUris()))
                .scope(OidcScopes.OPENID).scope(OidcScopes.PROFILE).scope(OidcScopes.EMAIL).scope(ORDERS_SCOPE)
                .clientSettings(firstParty)
                .tokenSettings(TokenSettings.withSettings(tokens.getSettings()).refreshTokenTimeToLive(Duration.ofHours(8))
                        .reuseRefreshTokens(false).build())
                .build()));

        // A public client holds no secret, so it needs no configuration: users still log in with their own password.
        registered.add(RegisteredClient.withId(CLI)
                .clientId(CLI)
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(CLI_REDIRECT)
                .scope(OidcScopes.OPENID).scope(OidcScopes.PROFILE).scope(OidcScopes.EMAIL).scope(ORDERS_SCOPE)
                .clientSettings(firstParty)
                .tokenSettings(tokens)
                .build());

        secret(AUTOMATION, clients.automationSecret(), demoData).ifPresent(secret -> registered.add(machine(AUTOMATION,
                encoder.encode(secret), GATEWAY_ADMIN_SCOPE, tokens)));
        secret(SHOP, clients.shopSecret(), demoData).ifPresent(secret -> registered.add(machine(SHOP,
                encoder.encode(secret), CATALOG_READ_SCOPE, tokens)));
        return new InMemoryRegisteredClientRepository(registered);
    }

    private static RegisteredClient machine(String clientId, String encodedSecret, String scope, TokenSettings tokens) {
        return RegisteredClient.withId(clientId)
                .clientId(clientId)
                .clientSecret(encodedSecret)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scope(scope)
                .tokenSettings(tokens)
                .build();
    }

    private static Optional<String> secret(String clientId, String configured, boolean demoData) {
        if (StringUtils.hasText(configured)) {
            return Optional.of(configured);
        }
        if (!demoData) {
            log.info("Client {} not registered: no secret configured and demo data is off", clientId);
            return Optional.empty();
        }
        String generated = Secrets.generate();
        log.warn("Demo client {}: generated secret {} (new at every start; configure ficus.identity.clients.{}-secret "
                + "to choose one)", clientId, generated, clientId.substring("ficus-".length()));
        return Optional.of(generated);
    }
}
