package io.ficus.shop.system;

import io.ficus.platform.security.EndpointRule;
import io.ficus.platform.security.EndpointRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

/**
 * Who may call what on the shop outside the identity module's endpoints (ADR 0016): reading the catalog, stock and
 * the catalog export is public; writing them needs staff; orders are placed by customers as themselves; orders,
 * shipments and notifications need a customer (who is narrowed to their own by the controllers) or staff; the
 * notifications export is staff only. The actuator endpoints exposed before stay public (health details are for
 * staff: management.endpoint.health.roles), as do the OpenAPI description and the storefront's static files.
 * Anything not listed is denied (401 without a token, 403 with one). The first matching rule decides.
 */
@Configuration(proxyBeanMethods = false)
class ShopAccessRules {

    static final String CUSTOMER = "customer";
    static final String STAFF = "staff";
    private static final String STAFF_AUTHORITY = "ROLE_" + STAFF;

    @Bean
    EndpointRules shopRules() {
        return EndpointRules.of(
                EndpointRule.open(GET, "/api/catalog/products"),
                EndpointRule.open(GET, "/api/catalog/products/{sku}"),
                EndpointRule.open(GET, "/api/catalog/export"),
                // any other method needs staff: staff then get the contract's 405 for a method a path lacks
                EndpointRule.role(null, "/api/catalog/products", STAFF),
                EndpointRule.role(null, "/api/catalog/products/{sku}", STAFF),
                EndpointRule.open(GET, "/api/inventory/stock/{sku}"),
                EndpointRule.role(null, "/api/inventory/stock/{sku}", STAFF),

                // an order is placed by the customer it is for; staff do not order in a customer's name
                EndpointRule.role(POST, "/api/orders", CUSTOMER),
                EndpointRule.role(null, "/api/orders", CUSTOMER).orAuthority(STAFF_AUTHORITY),
                EndpointRule.role(null, "/api/orders/{id}", CUSTOMER).orAuthority(STAFF_AUTHORITY),
                EndpointRule.role(GET, "/api/shipments", CUSTOMER).orAuthority(STAFF_AUTHORITY),
                EndpointRule.role(GET, "/api/notifications", CUSTOMER).orAuthority(STAFF_AUTHORITY),
                // every customer's notifications: what reconciliation compares with notifications-service
                EndpointRule.role(GET, "/api/notifications/export", STAFF),

                EndpointRule.open(GET, "/v3/api-docs"),
                EndpointRule.open(GET, "/v3/api-docs/**"),
                EndpointRule.open(GET, "/v3/api-docs.yaml"),
                EndpointRule.open(GET, "/actuator/health"),
                EndpointRule.open(GET, "/actuator/health/**"),
                EndpointRule.open(GET, "/actuator/info"),
                EndpointRule.open(GET, "/actuator/metrics"),
                EndpointRule.open(GET, "/actuator/metrics/**"),
                EndpointRule.open(GET, "/actuator/prometheus"),
                EndpointRule.open(GET, "/actuator/modulith"),

                // the storefront's static files (src/main/resources/static): the page is public, its API calls are not
                EndpointRule.open(GET, "/"),
                EndpointRule.open(GET, "/*.html"),
                EndpointRule.open(GET, "/*.js"),
                EndpointRule.open(GET, "/*.css"),
                EndpointRule.open(GET, "/*.ico"),
                EndpointRule.open(GET, "/*.svg"),
                EndpointRule.open(GET, "/*.png"),
                EndpointRule.open(GET, "/assets/**"));
    }
}
