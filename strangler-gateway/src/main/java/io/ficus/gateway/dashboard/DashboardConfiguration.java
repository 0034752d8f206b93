package io.ficus.gateway.dashboard;

import io.ficus.gateway.admin.AdminPages;
import io.ficus.gateway.edge.ManagementPort;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The migration dashboard on the management port, behind the admin login like the rest of {@code /admin} (its
 * script and style sheet excepted: they hold no data).
 */
@Configuration(proxyBeanMethods = false)
class DashboardConfiguration {

    @Bean
    DashboardHandler dashboardHandler() {
        return new DashboardHandler();
    }

    /** Ahead of the admin routes, whose last rule answers every other {@code /admin} path with a 404. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    RouterFunction<ServerResponse> dashboardRoutes(DashboardHandler handler, ManagementPort port) {
        RequestPredicate onManagementPort = request -> port.isManagement(request.exchange().getRequest());
        return RouterFunctions.nest(onManagementPort, RouterFunctions.route()
                .GET(AdminPages.DASHBOARD, handler::page)
                .GET(AdminPages.SCRIPT, handler::script)
                .GET(AdminPages.STYLE_SHEET, handler::styleSheet)
                .build());
    }
}
