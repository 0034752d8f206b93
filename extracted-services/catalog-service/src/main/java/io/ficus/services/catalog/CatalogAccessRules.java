package io.ficus.services.catalog;

import io.ficus.platform.security.EndpointRule;
import io.ficus.platform.security.EndpointRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.springframework.http.HttpMethod.GET;

/**
 * Who may call what (ADR 0014): reading the catalog and its export is public, as on the monolith; every other
 * method on the products needs the staff role (so staff still get the contract's 405 for a method the path lacks);
 * the actuator endpoints exposed today stay public. Anything not listed here is denied.
 */
@Configuration(proxyBeanMethods = false)
class CatalogAccessRules {

    @Bean
    EndpointRules catalogRules() {
        return EndpointRules.of(
                EndpointRule.open(GET, "/api/catalog/products"),
                EndpointRule.open(GET, "/api/catalog/products/{sku}"),
                EndpointRule.open(GET, "/api/catalog/export"),
                EndpointRule.role(null, "/api/catalog/products", "staff"),
                EndpointRule.role(null, "/api/catalog/products/{sku}", "staff"),
                EndpointRule.open(GET, "/actuator/health/**"),
                EndpointRule.open(GET, "/actuator/info"),
                EndpointRule.open(GET, "/actuator/metrics/**"));
    }
}
