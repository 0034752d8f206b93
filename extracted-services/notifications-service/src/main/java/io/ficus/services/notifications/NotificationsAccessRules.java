package io.ficus.services.notifications;

import io.ficus.platform.security.EndpointRule;
import io.ficus.platform.security.EndpointRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.springframework.http.HttpMethod.GET;

/**
 * Who may call what (ADR 0014): a customer's notifications need a customer or staff token (the controller narrows a
 * customer to their own); the export holds every customer's notifications, so staff only; the actuator endpoints
 * exposed today stay public. Anything not listed here is denied.
 */
@Configuration(proxyBeanMethods = false)
class NotificationsAccessRules {

    @Bean
    EndpointRules notificationsRules() {
        return EndpointRules.of(
                EndpointRule.role(GET, "/api/notifications", "customer").orAuthority("ROLE_staff"),
                EndpointRule.role(GET, "/api/notifications/export", "staff"),
                EndpointRule.open(GET, "/actuator/health/**"),
                EndpointRule.open(GET, "/actuator/info"),
                EndpointRule.open(GET, "/actuator/metrics/**"),
                EndpointRule.open(GET, "/actuator/prometheus"));
    }
}
