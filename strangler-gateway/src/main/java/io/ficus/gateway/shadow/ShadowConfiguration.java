package io.ficus.gateway.shadow;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.ficus.gateway.plan.MigrationPlan;
import io.ficus.gateway.routing.BackendTargets;
import io.ficus.gateway.routing.RoutingTable;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Shadow traffic: the tap on legacy's answers, the copy sender with its own client, the per-route figures. */
@Configuration(proxyBeanMethods = false)
class ShadowConfiguration {

    /** Enough for every route's copies and calibrations at once, bounded for a plan with many routes. */
    private static final int MAX_CONNECTIONS = 512;

    @Bean
    ShadowRoutes shadowRoutes(MigrationPlan plan) {
        return new ShadowRoutes(plan, new AnswerComparer(), Clock.systemUTC());
    }

    @Bean(destroyMethod = "close")
    MirrorClient shadowMirrorClient(MigrationPlan plan) {
        int connections = plan.routes().stream().mapToInt(route -> route.shadow().maxConcurrency() * 2).sum();
        return new MirrorClient(Math.max(1, Math.min(MAX_CONNECTIONS, connections)), Duration.ofSeconds(2));
    }

    /** Comparisons parse JSON: off the event loops, one at a time (the route queues bound what waits). */
    @Bean(destroyMethod = "close")
    ShadowMirror shadowMirror(ShadowRoutes routes, BackendTargets backends, MirrorClient shadowMirrorClient,
            ObjectProvider<List<HttpHeadersFilter>> headersFilters) {
        return new ShadowMirror(routes, backends, shadowMirrorClient,
                Schedulers.newSingle("ficus-shadow-judge", true), headersFilters);
    }

    @Bean
    ShadowTapFilter shadowTapFilter(RoutingTable table, ShadowMirror shadowMirror) {
        return new ShadowTapFilter(table, shadowMirror);
    }
}
