package io.ficus.gateway.state;

import io.ficus.gateway.GatewaySettings;
import io.ficus.gateway.plan.MigrationPlan;
import io.ficus.gateway.routing.RoutingTable;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Persistence of route states (schema {@code gateway}, Flyway) and their sync into the routing table. */
@Configuration(proxyBeanMethods = false)
class StateConfiguration {

    @Bean
    RouteStateRepository routeStateRepository(JdbcClient jdbc, TransactionTemplate transactions) {
        return new RouteStateRepository(jdbc, transactions);
    }

    @Bean
    RouteStateSynchronizer routeStateSynchronizer(RouteStateRepository repository, RoutingTable table,
            MigrationPlan plan, GatewaySettings settings) {
        return new RouteStateSynchronizer(repository, table, plan, settings.state().pollInterval());
    }

    @Bean
    StageChanges stageChanges(RouteStateRepository repository, RouteStateSynchronizer synchronizer, MigrationPlan plan) {
        return new StageChanges(repository, synchronizer, plan);
    }
}
