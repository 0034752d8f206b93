package io.ficus.gateway.automation;

import java.time.Clock;

import javax.sql.DataSource;

import io.ficus.gateway.GatewaySettings;
import io.ficus.gateway.plan.MigrationPlan;
import io.ficus.gateway.routing.RoutingTable;
import io.ficus.gateway.shadow.ShadowEvidence;
import io.ficus.gateway.state.StageChanges;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Automatic progression: one replica, elected by an advisory lock, promotes and rolls back automated routes. */
@Configuration(proxyBeanMethods = false)
class AutomationConfiguration {

    @Bean
    AutomationStateRepository automationStateRepository(JdbcClient jdbc) {
        return new AutomationStateRepository(jdbc);
    }

    @Bean
    RouteAutomation routeAutomation(MigrationPlan plan, RoutingTable table, StageChanges changes,
            AutomationStateRepository repository, DataSource dataSource, ObjectProvider<ShadowEvidence> evidence,
            GatewaySettings settings) {
        GatewaySettings.Automation automation = settings.automation();
        if (automation.user().equals(settings.admin().username())) {
            // the admin's changes would then look like the automation's own and never pause it
            throw new IllegalStateException("ficus.gateway.automation.user and ficus.gateway.admin.username are both '"
                    + automation.user() + "': give the automation a name of its own");
        }
        return new RouteAutomation(plan, table, changes, repository, new AutomationLock(dataSource, automation.lockKey()),
                evidence, automation.checkInterval(), automation.user(), Clock.systemUTC());
    }

    @Bean
    AutomationControl automationControl(MigrationPlan plan, RouteAutomation automation,
            AutomationStateRepository repository, StageChanges changes) {
        return new AutomationControl(plan, automation, repository, changes);
    }
}
