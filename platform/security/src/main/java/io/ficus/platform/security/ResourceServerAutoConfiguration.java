package io.ficus.platform.security;

import java.util.List;
import java.util.Objects;

import io.ficus.platform.jwtkeys.IssuerKeys;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.OAuth2ResourceServerWebSecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.server.RequestPath;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes a Spring MVC app a resource server that checks bearer JWTs itself: issuer
 * ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri}, compared with the configured value, so the issuer
 * need not be up when the app starts), signature through the issuer's key set (warmed up in the background, rotation
 * picked up by key id, {@link IssuerKeys}), expiry with a small skew, audience; roles and scopes as authorities; the app's
 * {@link EndpointRules} with everything else denied; problem+json answers ({@link SecurityProblems}). Stateless: no
 * session, no cookie, so no CSRF token either. Before Boot's own security auto-configurations, which back off.
 */
@AutoConfiguration(before = { OAuth2ResourceServerAutoConfiguration.class,
        OAuth2ResourceServerWebSecurityAutoConfiguration.class, SecurityAutoConfiguration.class,
        ServletWebSecurityAutoConfiguration.class, ManagementWebSecurityAutoConfiguration.class,
        UserDetailsServiceAutoConfiguration.class })
@ConditionalOnWebApplication(type = Type.SERVLET)
@EnableWebSecurity
@EnableConfigurationProperties({ SecurityProperties.class, OAuth2ResourceServerProperties.class })
public class ResourceServerAutoConfiguration {

    /** The issuer's keys, warmed up in the background while the app starts (never waited for). */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(JwtDecoder.class)
    IssuerKeys ficusIssuerKeys(OAuth2ResourceServerProperties resourceServer, SecurityProperties settings) {
        SecurityProperties.Jwks jwks = settings.jwks();
        IssuerKeys keys = new IssuerKeys(issuer(resourceServer), jwks.cacheTimeToLive(), jwks.minRefetchInterval(),
                jwks.timeout());
        keys.warmUpInBackground();
        return keys;
    }

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder ficusJwtDecoder(IssuerKeys keys, OAuth2ResourceServerProperties resourceServer,
            SecurityProperties settings) {
        String issuer = issuer(resourceServer);
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys)
                .jwsAlgorithms(algorithms -> resourceServer.getJwt().getJwsAlgorithms()
                        .forEach(name -> algorithms.add(Objects.requireNonNull(SignatureAlgorithm.from(name),
                                () -> "unknown JWS algorithm " + name))))
                .build();
        decoder.setJwtValidator(validator(issuer, settings));
        return decoder;
    }

    private static String issuer(OAuth2ResourceServerProperties resourceServer) {
        String issuer = resourceServer.getJwt().getIssuerUri();
        Assert.state(StringUtils.hasText(issuer),
                "ficus-security needs the token issuer: set spring.security.oauth2.resourceserver.jwt.issuer-uri");
        return issuer;
    }

    static OAuth2TokenValidator<Jwt> validator(String issuer, SecurityProperties settings) {
        return new DelegatingOAuth2TokenValidator<>(List.of(
                new JwtTimestampValidator(settings.clockSkew()),
                // Spring's timestamp check passes a token without exp: such a token would never expire
                new JwtClaimValidator<Object>(JwtClaimNames.EXP, Objects::nonNull),
                new JwtIssuerValidator(issuer),
                new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                        audience -> audience != null && audience.contains(settings.audience()))));
    }

    @Bean
    @ConditionalOnMissingBean
    JwtAuthenticationConverter ficusJwtAuthenticationConverter(SecurityProperties settings) {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(new JwtAuthorities(settings.rolesClaim()));
        return converter;
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain ficusSecurityFilterChain(HttpSecurity http, ObjectProvider<EndpointRules> rules,
            JwtDecoder decoder, JwtAuthenticationConverter converter, JsonMapper jsonMapper) throws Exception {
        return ResourceServerChain.configure(http, rules.getIfAvailable(() -> EndpointRules.of()), decoder, converter,
                jsonMapper).build();
    }

    /**
     * A request the firewall refuses (a path that is not canonical, a method it does not know) gets a problem+json
     * 400 like every other refusal of the app, not Spring's empty 400.
     */
    @Bean
    @ConditionalOnMissingBean(RequestRejectedHandler.class)
    RequestRejectedHandler ficusRequestRejectedHandler(JsonMapper jsonMapper) {
        return new SecurityProblems(jsonMapper);
    }

    /** The rule's own matching, on the path as Spring MVC sees it (within the application, segments decoded). */
    static RequestMatcher matcher(EndpointRule rule) {
        return request -> rule.matches(request.getMethod(), pathWithinApplication(request));
    }

    static org.springframework.http.server.PathContainer pathWithinApplication(HttpServletRequest request) {
        return RequestPath.parse(request.getRequestURI(), request.getContextPath()).pathWithinApplication();
    }
}
