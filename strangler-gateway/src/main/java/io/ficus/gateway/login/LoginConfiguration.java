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
import org.springframework.security.oauth2.client.endpoint.WebClientReactiveRefreshTokenTokenResponseClient;
import org.springframework.util.Assert;

/**
 * Browser login at the gateway ({@code ficus.gateway.security.login.enabled=true}): Spring Security's OAuth2 client
 * parts and SCG's {@code TokenRelay}, wired by hand into two filters of our own, without Spring Security's web filter
 * chain (ADR 0015, 0017).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "ficus.gateway.security.login.enabled", havingValue = "true")
class LoginConfiguration {

    @Bean
    BrowserSessions browserSessions(GatewaySettings settings, IssuerLogin issuer) {
        Assert.state(issuer.configured(),
                "ficus.gateway.security.login.enabled needs ficus.gateway.security.issuer-uri");
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
    LoginEndpointsFilter loginEndpointsFilter(GatewaySettings settings, IssuerLogin issuer, BrowserSessions sessions,
            SessionCookies cookies, ManagementPort managementPort, ProblemWriter problems) {
        GatewaySettings.Login login = settings.security().login();
        return new LoginEndpointsFilter(login, issuer, issuer.flow(login.effectiveRedirectUri(), cookies.login()),
                sessions, cookies, managementPort, problems);
    }
}
