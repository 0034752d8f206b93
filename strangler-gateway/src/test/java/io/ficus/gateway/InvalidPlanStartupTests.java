package io.ficus.gateway;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An invalid migration plan stops the gateway before it takes traffic, naming the route and the problem. */
class InvalidPlanStartupTests {

    @Test
    void refusesToStartWithPlanNamingUnknownService() {
        Map<String, Object> properties = Map.of("server.port", "0", "management.server.port", "0",
                "ficus.gateway.plan", "classpath:invalid-plan.yml", "ficus.gateway.admin.password", "x",
                "ficus.embedded-postgres.enabled", "false",
                "spring.autoconfigure.exclude", "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration");

        assertThatThrownBy(() -> GatewayInstance.start(properties).close())
                .rootCause()
                .hasMessageContaining("invalid-plan.yml")
                .hasMessageContaining("route 'catalog-reads': unknown service 'catalogue-service'");
    }
}
