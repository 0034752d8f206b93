package io.ficus.shop.identity.internal;

import java.time.Clock;
import java.util.List;
import java.util.Set;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * The OpenID Connect provider: its endpoints, the login form, the token contract (docs/identity.md) and the keys
 * that sign tokens. Every other path of the shop is left to the permit-all chain of the {@code system} module.
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfiguration {

    /** The audience of every access token the shop issues: all Ficus backends accept it. */
    static final String AUDIENCE = "ficus";
    static final String ROLES_CLAIM = "roles";
    static final String EMAIL_CLAIM = "email";

    /** Discovery, JWKS, authorize, token, revocation, introspection, userinfo and OIDC logout. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 10)
    SecurityFilterChain authorizationServerEndpoints(HttpSecurity http, JWKSource<SecurityContext> publishedKeys) {
        OAuth2AuthorizationServerConfigurer authorizationServer = new OAuth2AuthorizationServerConfigurer();
        // named here, not looked up by type: the shop's resource server has a key source too (the issuer's keys it
        // fetches, ficus-security's IssuerKeys), and with two the JWKS endpoint would silently switch itself off
        http.setSharedObject(JWKSource.class, publishedKeys);
        http.securityMatcher(authorizationServer.getEndpointsMatcher())
                .with(authorizationServer, server -> server.oidc(Customizer.withDefaults()))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                // the userinfo endpoint reads the caller's access token; the decoder stays local to this chain
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.decoder(OAuth2AuthorizationServerConfiguration.jwtDecoder(publishedKeys))))
                // a browser (or bin/ficus-token, which asks for HTML) that is not logged in yet goes to the login form;
                // any other caller gets a 401
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"), asksForHtml()));
        return http.build();
    }

    /** Accept names text/html; a bare *&#47;* (curl, HTTP libraries) is no request for a login page. */
    private static MediaTypeRequestMatcher asksForHtml() {
        MediaTypeRequestMatcher html = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        html.setIgnoredMediaTypes(Set.of(MediaType.ALL));
        return html;
    }

    /** Spring Security's own login form (with its CSRF token) and logout, the session they keep and nothing else. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 20)
    SecurityFilterChain loginForm(HttpSecurity http) {
        http.securityMatcher("/login", "/logout", "/default-ui.css")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .formLogin(Customizer.withDefaults())
                .logout(Customizer.withDefaults());
        return http.build();
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(IdentitySettings settings) {
        AuthorizationServerSettings.Builder builder = AuthorizationServerSettings.builder();
        if (settings.issuer() != null) {
            builder.issuer(settings.issuer().toString());
        }
        return builder.build();
    }

    @Bean
    RegisteredClientRepository registeredClients(IdentitySettings settings, Environment environment,
            PasswordEncoder passwordEncoder) {
        // The same switch as the demo products and stock (DemoCatalogLoader): on unless set to false.
        boolean demoData = environment.getProperty("ficus.shop.demo-data", Boolean.class, true);
        return RegisteredClients.of(settings, demoData, passwordEncoder);
    }

    @Bean
    ExpiringAuthorizations authorizations(IdentitySettings settings) {
        return new ExpiringAuthorizations(settings.keys().checkInterval(), Clock.systemUTC());
    }

    /** Hashes of user passwords and client secrets, with the algorithm named in each hash ({bcrypt} today). */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** What the JWKS endpoint publishes: the current key and the previous one. */
    @Bean
    JWKSource<SecurityContext> publishedKeys(SigningKeys keys) {
        return (selector, context) -> selector.select(new JWKSet(keys.publishedKeys()));
    }

    /** Signs with the current key only (both published keys would match, and Nimbus refuses to choose). */
    @Bean
    JwtEncoder jwtEncoder(SigningKeys keys) {
        return new NimbusJwtEncoder((selector, context) -> selector.select(new JWKSet(keys.current())));
    }

    /** The token contract's claims: {@code aud} for access tokens, {@code roles} and {@code email} for users. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> ficusClaims() {
        return context -> {
            boolean user = !AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType());
            Authentication principal = context.getPrincipal();
            if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                context.getClaims().audience(List.of(AUDIENCE));
            }
            else if (!OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
                return;
            }
            if (user) {
                context.getClaims().claim(ROLES_CLAIM, Roles.claim(principal.getAuthorities()));
                context.getClaims().claim(EMAIL_CLAIM, principal.getName());
            }
        };
    }
}
