package io.ficus.gateway.login;

import java.time.Clock;

import io.ficus.gateway.GatewaySettings;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The gateway's client at its issuer, present whatever {@code login.enabled} says: the dashboard offers a staff login
 * through it whenever {@code ficus.gateway.security.issuer-uri} is set, and the public port's login uses it when on.
 * Nothing is fetched from the issuer before the first login.
 */
@Configuration(proxyBeanMethods = false)
class IssuerLoginConfiguration {

    @Bean
    IssuerLogin issuerLogin(GatewaySettings settings) {
        return IssuerLogin.of(settings.security(), Clock.systemUTC());
    }
}
