package io.ficus.gateway.routing;

import io.ficus.gateway.GatewaySettings;
import io.ficus.gateway.edge.CallerKeys;
import io.ficus.gateway.edge.ManagementPort;
import io.ficus.gateway.edge.ProblemWriter;
import io.ficus.gateway.identity.TokenVerifier;
import io.ficus.gateway.plan.MigrationPlan;
import io.ficus.gateway.plan.MigrationPlanLoader;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ResourceLoader;

/** Wires the migration plan into one catch-all gateway route and the filter that picks each request's side. */
@Configuration(proxyBeanMethods = false)
class RoutingConfiguration {

    @Bean
    MigrationPlan migrationPlan(GatewaySettings settings, ResourceLoader resources, ConfigurableEnvironment environment) {
        return MigrationPlanLoader.load(resources.getResource(settings.plan()),
                new PropertySourcesPlaceholdersResolver(environment));
    }

    @Bean
    CircuitBreakerRegistry circuitBreakerRegistry(GatewaySettings settings) {
        GatewaySettings.CircuitBreaker breaker = settings.circuitBreaker();
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(breaker.slidingWindowSize())
                .minimumNumberOfCalls(breaker.minimumNumberOfCalls())
                .failureRateThreshold(breaker.failureRateThreshold())
                .waitDurationInOpenState(breaker.waitDurationInOpenState())
                .permittedNumberOfCallsInHalfOpenState(breaker.permittedCallsInHalfOpenState())
                // so that the state the admin API shows (and the log) is the current one, not the last one a
                // request happened to observe
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .build();
        return CircuitBreakerRegistry.of(config);
    }

    @Bean
    BackendTargets backendTargets(MigrationPlan plan, CircuitBreakerRegistry breakers, GatewaySettings settings,
            MeterRegistry registry) {
        return new BackendTargets(plan, breakers, settings.loadBalancing(), registry);
    }

    @Bean
    DnsDiscovery dnsDiscovery(BackendTargets backends, GatewaySettings settings) {
        return new DnsDiscovery(backends, DnsDiscovery.Resolver.JDK, settings.loadBalancing().dnsInterval());
    }

    @Bean
    InstanceHealthChecks instanceHealthChecks(BackendTargets backends, GatewaySettings settings) {
        return new InstanceHealthChecks(backends, settings.loadBalancing().healthInterval());
    }

    @Bean
    RouteMetrics routeMetrics(MeterRegistry registry) {
        return new RouteMetrics(registry);
    }

    @Bean
    RoutingTable routingTable(MigrationPlan plan, BackendTargets backends, RouteMetrics metrics) {
        return new RoutingTable(plan, backends, metrics);
    }

    @Bean
    StranglerRoutingFilter stranglerRoutingFilter(RoutingTable table, BackendTargets backends, CallerKeys callerKeys,
            ManagementPort managementPort, ProblemWriter problems, GatewaySettings settings,
            ObjectProvider<ShadowTraffic> shadow, TokenVerifier tokens) {
        return new StranglerRoutingFilter(table, backends, callerKeys, new SideOverride(settings), managementPort,
                problems, settings, shadow.getIfAvailable(() -> ShadowTraffic.NONE), tokens);
    }

    @Bean
    ControlHeadersFilter controlHeadersFilter(GatewaySettings settings) {
        return new ControlHeadersFilter(settings);
    }

    @Bean
    PublicRequestHeaders publicRequestHeaders() {
        return new PublicRequestHeaders();
    }

    @Bean
    BackendAddressRewriter backendAddressRewriter(BackendTargets backends) {
        return new BackendAddressRewriter(backends);
    }

    /**
     * One catch-all route to legacy: the strangler filter re-points each request at its backend, so stage changes
     * never touch Spring Cloud Gateway's route definitions (whose refresh has had races).
     */
    @Bean
    RouteLocator stranglerRoutes(RouteLocatorBuilder builder, MigrationPlan plan) {
        return builder.routes()
                .route("ficus-strangler", route -> route.alwaysTrue().uri(plan.legacy().url()))
                .build();
    }
}
