package io.ficus.gateway.admin;

import java.security.SecureRandom;
import java.util.Base64;

import io.ficus.gateway.GatewaySettings;
import io.ficus.gateway.routing.ManagementPort;
import io.ficus.gateway.routing.RoutingTable;
import io.ficus.gateway.state.StageChanges;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher.MatchResult;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;


/**
 * The admin API on the management port only, behind HTTP basic auth. The proxied port carries no security
 * filter work beyond one port comparison.
 */
@Configuration(proxyBeanMethods = false)
class AdminConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AdminConfiguration.class);

    @Bean
    AdminHandler adminHandler(RoutingTable table, StageChanges changes) {
        return new AdminHandler(table, changes);
    }

    @Bean
    RouterFunction<ServerResponse> adminRoutes(AdminHandler handler, ManagementPort port) {
        RequestPredicate onManagementPort = request -> request.exchange().getRequest().getLocalAddress() != null
                && port.isManagement(request.exchange().getRequest().getLocalAddress().getPort());
        return RouterFunctions.nest(onManagementPort, RouterFunctions.route()
                .GET("/admin/routes", handler::routes)
                .GET("/admin/routes/{id}", handler::route)
                .PUT("/admin/routes/{id}/stage", handler::changeStage)
                .POST("/admin/routes/{id}/rollback", handler::rollback)
                .GET("/admin/audit", handler::audit)
                .build());
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityWebFilterChain adminSecurity(ServerHttpSecurity http, ManagementPort port) {
        ServerWebExchangeMatcher managementPort = exchange -> exchange.getRequest().getLocalAddress() != null
                && port.isManagement(exchange.getRequest().getLocalAddress().getPort())
                ? MatchResult.match() : MatchResult.notMatch();
        return http.securityMatcher(managementPort)
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**", "/actuator/info",
                                "/actuator/prometheus").permitAll()
                        .anyExchange().authenticated())
                .httpBasic(basic -> { })
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .build();
    }

    @Bean
    MapReactiveUserDetailsService adminUsers(GatewaySettings settings) {
        String password = settings.admin().password();
        if (!StringUtils.hasText(password)) {
            password = generatedPassword();
            log.warn("No ficus.gateway.admin.password configured: generated admin password for user '{}' is {} "
                    + "(set FICUS_GATEWAY_ADMIN_PASSWORD to choose one)", settings.admin().username(), password);
        }
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        return new MapReactiveUserDetailsService(User.withUsername(settings.admin().username())
                .password(encoder.encode(password))
                .roles("GATEWAY_ADMIN")
                .build());
    }

    private static String generatedPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
