package io.ficus.shop.system;

import io.ficus.platform.security.EndpointRules;
import io.ficus.platform.security.ResourceServerChain;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import tools.jackson.databind.json.JsonMapper;

/**
 * What Spring Security does to the shop's requests outside the identity module's endpoints: the shop is a resource
 * server like every backend (ADR 0014, 0016). A bearer JWT of the configured issuer (the shop itself by default) is
 * checked by ficus-security's decoder, {@link ShopAccessRules} decide, everything else is denied, and every refusal is
 * problem+json. The firewall in front of all chains is Spring's strict one, so no path trick reaches a rule.
 */
@Configuration(proxyBeanMethods = false)
class WebSecurityBaseline {

    /** Every request the identity module's chains do not claim: stateless, token checked, rules, deny by default. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    SecurityFilterChain everyOtherEndpointByItsRule(HttpSecurity http, EndpointRules rules, JwtDecoder decoder,
            JwtAuthenticationConverter converter, JsonMapper jsonMapper) {
        return ResourceServerChain.configure(http, rules, decoder, converter, jsonMapper).build();
    }

    /**
     * Path rules are only as good as the path they read: {@code ;} parameters, {@code //}, encoded {@code /} or
     * {@code .}, and {@code ..} could make a rule and Spring MVC see two different endpoints. The strict firewall
     * refuses such requests before any chain (ficus-security answers problem+json 400); ficus-web's request hygiene
     * runs even earlier and refuses what it knows (bad encodings, control characters) in the same format.
     * Named here, not left as a default, because the shop once replaced it (ADR 0016).
     */
    @Bean
    WebSecurityCustomizer strictFirewall() {
        return web -> web.httpFirewall(new StrictHttpFirewall());
    }
}
