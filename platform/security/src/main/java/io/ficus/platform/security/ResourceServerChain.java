package io.ficus.platform.security;

import jakarta.servlet.DispatcherType;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The resource-server filter chain of ficus-security: stateless bearer-JWT checks, the app's {@link EndpointRules}
 * with everything else denied, problem+json answers. The auto-configuration builds it when the app declares no chain
 * of its own; an app that has other chains too (the shop, whose identity endpoints keep their own) builds it here,
 * with the auto-configured {@link JwtDecoder} and {@link JwtAuthenticationConverter}, and orders it after them.
 */
public final class ResourceServerChain {

    private ResourceServerChain() {
    }

    /** Configures {@code http} (its security matcher, if any, is the caller's) and returns it, ready to build. */
    public static HttpSecurity configure(HttpSecurity http, EndpointRules rules, JwtDecoder decoder,
            JwtAuthenticationConverter converter, JsonMapper jsonMapper) {
        SecurityProblems problems = new SecurityProblems(jsonMapper);
        return http.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .anonymous(anonymous -> { })
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(converter))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems)
                        .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                            @Override
                            public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                                filter.setAuthenticationFailureHandler(problems);
                                return filter;
                            }
                        }))
                .authorizeHttpRequests(requests -> {
                    // the container's error dispatch (/error) answers for a request the chain already let through
                    requests.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
                    rules.rules().forEach(rule -> authorize(
                            requests.requestMatchers(ResourceServerAutoConfiguration.matcher(rule)), rule));
                    requests.anyRequest().denyAll();
                });
    }

    private static void authorize(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizedUrl url, EndpointRule rule) {
        switch (rule.access().kind()) {
            case OPEN -> url.permitAll();
            case AUTHENTICATED -> url.authenticated();
            case DENIED -> url.denyAll();
            case ANY_AUTHORITY -> url.access(AuthorityAuthorizationManager.hasAnyAuthority(rule.access().authorities()));
        }
    }
}
