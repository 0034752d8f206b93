package io.ficus.gateway.admin;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

import io.ficus.gateway.GatewaySettings;
import io.ficus.gateway.automation.AutomationControl;
import io.ficus.gateway.edge.ManagementPort;
import io.ficus.gateway.edge.ProblemWriter;
import io.ficus.gateway.identity.TokenVerifier;
import io.ficus.gateway.login.IssuerLogin;
import io.ficus.gateway.routing.RoutingTable;
import io.ficus.gateway.shadow.ShadowRoutes;
import io.ficus.gateway.state.StageChanges;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The admin API on the management port only, behind bearer tokens, HTTP basic auth with login throttling, or the
 * dashboard's login (the admin password, or a staff identity through the issuer). The proxied port
 * carries no security filter work beyond one port comparison.
 */
@Configuration(proxyBeanMethods = false)
class AdminConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AdminConfiguration.class);

    @Bean
    AdminHandler adminHandler(RoutingTable table, StageChanges changes, AutomationControl automation,
            ShadowRoutes shadow) {
        return new AdminHandler(table, changes, automation, shadow);
    }

    @Bean
    AdminCredentials adminCredentials(GatewaySettings settings) {
        return credentials(settings);
    }

    @Bean
    LoginThrottle adminLoginThrottle(GatewaySettings settings) {
        return new LoginThrottle(settings.admin().throttle(), System::nanoTime);
    }

    @Bean
    AdminSessions adminSessions(GatewaySettings settings) {
        return new AdminSessions(settings.admin().session(), System::nanoTime);
    }

    @Bean
    AdminLoginHandler adminLoginHandler(AdminCredentials credentials, LoginThrottle throttle, AdminSessions sessions,
            IssuerLogin issuer) {
        return new AdminLoginHandler(credentials, throttle, sessions, issuer);
    }

    @Bean
    StaffLoginHandler staffLoginHandler(IssuerLogin issuer, TokenVerifier tokens, AdminSessions sessions,
            GatewaySettings settings, AdminLoginHandler form) {
        return new StaffLoginHandler(issuer, tokens, staffRule(settings), sessions, form);
    }

    @Bean
    RouterFunction<ServerResponse> adminRoutes(AdminHandler handler, AdminLoginHandler login,
            StaffLoginHandler staffLogin, IssuerLogin issuer, ManagementPort port) {
        RequestPredicate onManagementPort = request -> port.isManagement(request.exchange().getRequest());
        return RouterFunctions.nest(onManagementPort, RouterFunctions.route()
                .GET("/admin/routes", handler::routes)
                .GET("/admin/routes/{id}", handler::route)
                .GET("/admin/routes/{id}/shadow", handler::shadow)
                .PUT("/admin/routes/{id}/stage", handler::changeStage)
                .POST("/admin/routes/{id}/rollback", handler::rollback)
                .POST("/admin/routes/{id}/automation/pause", handler::pauseAutomation)
                .POST("/admin/routes/{id}/automation/resume", handler::resumeAutomation)
                .GET("/admin/audit", handler::audit)
                .GET(AdminPages.LOGIN, login::form)
                .POST(AdminPages.LOGIN, login::login)
                .POST(AdminPages.LOGOUT, login::logout)
                // the same paths as the public port's browser login, served here for the dashboard (ADR 0015)
                .GET(issuer.loginPath(), staffLogin::start)
                .GET(issuer.callbackPath(), staffLogin::callback)
                // last: whatever else under /admin answers 404 or 405 as problem+json, not Boot's error JSON
                .route(RequestPredicates.path("/admin/**"), handler::notMapped)
                .build());
    }

    @Bean
    AdminAuthenticationFilter adminAuthenticationFilter(ManagementPort port, AdminCredentials credentials,
            LoginThrottle throttle, AdminSessions sessions, ProblemWriter problems, TokenVerifier tokens,
            GatewaySettings settings, IssuerLogin issuer) {
        return new AdminAuthenticationFilter(port, credentials, throttle, problems,
                new AdminSessionGate(sessions, problems), tokens, staffRule(settings),
                Set.of(issuer.loginPath(), issuer.callbackPath()));
    }

    private static StaffRule staffRule(GatewaySettings settings) {
        return new StaffRule(settings.security().adminRole(), settings.security().adminScope());
    }

    private static AdminCredentials credentials(GatewaySettings settings) {
        String password = settings.admin().password();
        if (!StringUtils.hasText(password)) {
            password = generatedPassword();
            log.warn("No ficus.gateway.admin.password configured: generated admin password for user '{}' is {} "
                    + "(set FICUS_GATEWAY_ADMIN_PASSWORD to choose one)", settings.admin().username(), password);
        }
        return new AdminCredentials(settings.admin().username(), password);
    }

    private static String generatedPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
