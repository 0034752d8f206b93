package io.ficus.gateway.login;

import java.time.Clock;

import io.ficus.gateway.GatewaySettings;
import io.ficus.gateway.edge.ManagementPort;
import io.ficus.gateway.edge.ProblemWriter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.gateway.filter.factory.TokenRelayGatewayFilterFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.endpoint.WebClientReactiveAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.WebClientReactiveRefreshTokenTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.authentication.OidcAuthorizationCodeReactiveAuthenticationManager;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcReactiveOAuth2UserService;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Browser login at the gateway ({@code ficus.gateway.security.login.enabled=true}): Spring Security's OAuth2 client
 * parts and SCG's {@code TokenRelay}, wired by hand into two filters of our own, without Spring Security's web filter
 * chain (ADR 0015, 0017).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "ficus.gateway.security.login.enabled", havingValue = "true")
class LoginConfiguration {

    @Bean
    IssuerRegistration issuerRegistration(GatewaySettings settings) {
        GatewaySettings.Security security = settings.security();
        Assert.state(StringUtils.hasText(security.issuerUri()),
                "ficus.gateway.security.login.enabled needs ficus.gateway.security.issuer-uri");
        String basePath = security.login().basePath();
        Assert.state(basePath.startsWith("/") && !basePath.endsWith("/") && basePath.length() > 1,
                "ficus.gateway.security.login.base-path must start with / and not end with one: " + basePath);
        return new IssuerRegistration(security.issuerUri(), security.login());
    }

    @Bean
    BrowserSessions browserSessions(GatewaySettings settings) {
        return new BrowserSessions(settings.security().login(), Clock.systemUTC());
    }

    @Bean
    SessionCookies sessionCookies(GatewaySettings settings) {
        return new SessionCookies(settings.security().login());
    }

    @Bean
    ReactiveOAuth2AuthorizedClientManager sessionTokens(BrowserSessions sessions, GatewaySettings settings) {
        return new SessionTokens(new WebClientReactiveRefreshTokenTokenResponseClient(), sessions,
                settings.security().login(), Clock.systemUTC());
    }

    @Bean
    SessionRelayFilter sessionRelayFilter(SessionCookies cookies, BrowserSessions sessions,
            ObjectProvider<ReactiveOAuth2AuthorizedClientManager> tokens, ProblemWriter problems) {
        return new SessionRelayFilter(cookies, sessions, new TokenRelayGatewayFilterFactory(tokens).apply(), problems);
    }

    @Bean
    LoginEndpointsFilter loginEndpointsFilter(GatewaySettings settings, IssuerRegistration registration,
            BrowserSessions sessions, SessionCookies cookies, ManagementPort managementPort, ProblemWriter problems) {
        GatewaySettings.Login login = settings.security().login();
        // PKCE for the confidential client too (OAuth 2.1; the shop requires it of ficus-gateway)
        AuthorizationRequests requests = new AuthorizationRequests(registration);
        OidcReactiveOAuth2UserService users = new OidcReactiveOAuth2UserService();
        // the ID token says who logged in; no userinfo call per login
        users.setRetrieveUserInfo(request -> false);
        OidcAuthorizationCodeReactiveAuthenticationManager codes = new OidcAuthorizationCodeReactiveAuthenticationManager(
                new WebClientReactiveAuthorizationCodeTokenResponseClient(), users);
        return new LoginEndpointsFilter(login, registration, requests, codes,
                new PendingLogins(login, Clock.systemUTC()), sessions, cookies, managementPort, problems);
    }
}
