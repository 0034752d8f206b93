package io.ficus.gateway.identity;

import io.ficus.gateway.GatewaySettings;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The bearer-token check shared by the admin API and the canary's choice of side. */
@Configuration(proxyBeanMethods = false)
class IdentityConfiguration {

    @Bean(destroyMethod = "close")
    TokenVerifier tokenVerifier(GatewaySettings settings) {
        TokenVerifier verifier = new TokenVerifier(settings.security());
        verifier.warmUpInBackground();
        return verifier;
    }
}
