package io.ficus.gateway.login;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import reactor.core.publisher.Mono;

import org.springframework.security.crypto.keygen.Base64StringKeyGenerator;
import org.springframework.security.crypto.keygen.StringKeyGenerator;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The authorization request a login starts with, made as Spring's {@code DefaultServerOAuth2AuthorizationRequestResolver}
 * makes it (a random state, an OIDC nonce kept here and sent hashed, PKCE with S256 through Spring's own
 * {@code OAuth2AuthorizationRequestCustomizers.withPkce()}), without that resolver: it is the one class of the login
 * that needs {@code spring-security-web}, whose presence on the classpath alone made the gateway's first proxied
 * requests measurably slower (ADR 0017).
 */
final class AuthorizationRequests {

    private static final StringKeyGenerator STATE = new Base64StringKeyGenerator(Base64.getUrlEncoder());
    private static final StringKeyGenerator NONCE = new Base64StringKeyGenerator(Base64.getUrlEncoder().withoutPadding(),
            96);

    private final IssuerRegistration registration;

    AuthorizationRequests(IssuerRegistration registration) {
        this.registration = registration;
    }

    /** A new request whose code is to come back to {@code redirectUri} (a template, {@code {baseUrl}} expanded). */
    Mono<OAuth2AuthorizationRequest> resolve(ServerWebExchange exchange, String redirectUri) {
        return registration.registration().map(client -> request(client, exchange, redirectUri));
    }

    private static OAuth2AuthorizationRequest request(ClientRegistration client, ServerWebExchange exchange,
            String redirectUri) {
        String nonce = NONCE.generateKey();
        OAuth2AuthorizationRequest.Builder builder = OAuth2AuthorizationRequest.authorizationCode()
                .attributes(attributes -> {
                    attributes.put(OAuth2ParameterNames.REGISTRATION_ID, client.getRegistrationId());
                    // the ID token must carry the hash of this value (Spring's OIDC code manager checks it)
                    attributes.put(OidcParameterNames.NONCE, nonce);
                })
                .additionalParameters(parameters -> parameters.put(OidcParameterNames.NONCE, sha256(nonce)))
                .clientId(client.getClientId())
                .authorizationUri(client.getProviderDetails().getAuthorizationUri())
                .redirectUri(expand(redirectUri, client, exchange))
                .scopes(client.getScopes())
                .state(STATE.generateKey());
        OAuth2AuthorizationRequestCustomizers.withPkce().accept(builder);
        return builder.build();
    }

    /** {@code {baseUrl}} (the request's scheme, host and port) and {@code {registrationId}} in a URI template. */
    static String expand(String template, ClientRegistration client, ServerWebExchange exchange) {
        return expand(template, exchange).replace("{registrationId}", client.getRegistrationId());
    }

    static String expand(String template, ServerWebExchange exchange) {
        URI uri = exchange.getRequest().getURI();
        String base = UriComponentsBuilder.newInstance().scheme(uri.getScheme()).host(uri.getHost())
                .port(uri.getPort()).build().toUriString();
        return template.replace("{baseUrl}", base);
    }

    private static String sha256(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
