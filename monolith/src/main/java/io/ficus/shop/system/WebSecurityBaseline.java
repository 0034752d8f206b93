package io.ficus.shop.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.web.DefaultSecurityFilterChain;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.FirewalledRequest;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;

/**
 * What Spring Security does to the shop's requests outside the identity module's endpoints: nothing yet. Its
 * firewall, sessions, CSRF and headers would otherwise change how every existing endpoint answers; resource-server
 * rules (a bearer token per endpoint, deny by default) come in the next slice of issue 15.
 */
@Configuration(proxyBeanMethods = false)
class WebSecurityBaseline {

    /**
     * Every request no earlier chain claims passes through untouched: no filters, so no session, no CSRF token, no
     * added headers, no authentication.
     */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    SecurityFilterChain everythingElseAsBefore() {
        return new DefaultSecurityFilterChain(AnyRequestMatcher.INSTANCE);
    }

    /**
     * Spring Security's StrictHttpFirewall would answer an empty 400 to {@code ;}, {@code //}, {@code %2F} and
     * unknown methods before any of the shop's code runs. ficus-web's request hygiene and size limits already run
     * before Spring Security on every request (problem+json, issue 10), and no security rule here depends on path
     * matching that such paths could slip past, so requests reach the chains as Tomcat parsed them.
     */
    @Bean
    WebSecurityCustomizer requestsAsTomcatParsedThem() {
        return web -> web.httpFirewall(new PassThroughFirewall());
    }

    private static final class PassThroughFirewall implements HttpFirewall {

        @Override
        public FirewalledRequest getFirewalledRequest(HttpServletRequest request) {
            return new FirewalledRequest(request) {
                @Override
                public void reset() {
                }
            };
        }

        @Override
        public HttpServletResponse getFirewalledResponse(HttpServletResponse response) {
            return response;
        }
    }
}
