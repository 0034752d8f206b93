package io.ficus.gateway.health;

import java.net.URI;
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
        addInstances(plan.legacy(), backends);
        plan.services().values().forEach(service -> addInstances(service, backends));
        return new BackendsHealthIndicator(backends);
    }

    /** One entry per instance: the backend's name alone for one, {@code name@host:port} for each of several. */
    private static void addInstances(MigrationPlan.Backend backend, List<BackendsHealthIndicator.Backend> backends) {
        for (URI url : backend.instances()) {
            String name = backend.instances().size() == 1 ? backend.name() : backend.name() + "@" + url.getRawAuthority();
            backends.add(new BackendsHealthIndicator.Backend(name, url, backend.connectTimeout()));
        }
    }
}
