package io.ficus.gateway.health;

import java.util.ArrayList;
import java.util.List;

import io.ficus.gateway.plan.MigrationPlan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the {@code backends} health contributor for the legacy backend and every service of the plan. */
@Configuration(proxyBeanMethods = false)
class BackendsHealthConfiguration {

    @Bean
    BackendsHealthIndicator backendsHealthIndicator(MigrationPlan plan) {
        List<BackendsHealthIndicator.Backend> backends = new ArrayList<>();
        backends.add(backendOf(plan.legacy()));
        plan.services().values().forEach(service -> backends.add(backendOf(service)));
        return new BackendsHealthIndicator(backends);
    }

    private static BackendsHealthIndicator.Backend backendOf(MigrationPlan.Backend backend) {
        return new BackendsHealthIndicator.Backend(backend.name(), backend.url(), backend.connectTimeout());
    }
}
