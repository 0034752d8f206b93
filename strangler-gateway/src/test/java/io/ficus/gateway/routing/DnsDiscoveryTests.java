package io.ficus.gateway.routing;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.ficus.gateway.GatewaySettings;
import io.ficus.gateway.plan.MigrationPlan;
import io.ficus.gateway.plan.MigrationPlanLoader;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ByteArrayResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code discovery: dns}: one instance per address of the URL's host, kept up to date, through a resolver seam (a
 * name with several addresses cannot be set up on a test machine without root; the JDK resolver is exercised by
 * LoadBalancingTests on {@code localhost}).
 */
class DnsDiscoveryTests {

    private static final String PLAN = """
            legacy:
              url: http://localhost:8081
            services:
              catalog-service:
                url: http://catalog-headless.test:8080
                discovery: dns
            routes:
            """;

    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final AtomicReference<Object> answer = new AtomicReference<>();
    private final BackendTargets targets = new BackendTargets(
            MigrationPlanLoader.load(new ByteArrayResource(PLAN.getBytes(StandardCharsets.UTF_8)), null),
            CircuitBreakerRegistry.ofDefaults(),
            new GatewaySettings.LoadBalancing(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(30),
                    Duration.ofSeconds(5)),
            meters);
    private final DnsDiscovery discovery = new DnsDiscovery(targets, host -> {
        assertThat(host).isEqualTo("catalog-headless.test");
        if (answer.get() instanceof UnknownHostException unknown) {
            throw unknown;
        }
        @SuppressWarnings("unchecked")
        List<InetAddress> addresses = (List<InetAddress>) answer.get();
        return addresses;
    }, Duration.ofSeconds(5));

    @Test
    void oneInstancePerAddressReplacedAsTheAddressesChangeKeepingThoseThatStay() throws Exception {
        BackendTarget catalog = targets.service("catalog-service");
        assertThat(catalog.balanced()).isTrue();

        answer.set(List.of(address("10.0.0.6"), address("10.0.0.5")));
        discovery.refresh();
        assertThat(urls(catalog)).containsExactly("http://10.0.0.5:8080", "http://10.0.0.6:8080");
        BackendInstance stays = catalog.instances().get(1);

        answer.set(List.of(address("10.0.0.6"), address("10.0.0.7")));
        discovery.refresh();
        assertThat(urls(catalog)).containsExactly("http://10.0.0.6:8080", "http://10.0.0.7:8080");
        assertThat(catalog.instances().get(0)).isSameAs(stays);
        assertThat(meters.find(BackendTargets.INSTANCE_REQUESTS).tag("instance", "10.0.0.5:8080").counter())
                .as("the meters of an instance DNS no longer names").isNull();
        assertThat(meters.find(BackendTargets.INSTANCE_REQUESTS).tag("instance", "10.0.0.7:8080").counter()).isNotNull();

        // round robin over the current ones
        assertThat(List.of(catalog.pick(null), catalog.pick(null), catalog.pick(null), catalog.pick(null)))
                .extracting(BackendInstance::authority).containsOnly("10.0.0.6:8080", "10.0.0.7:8080")
                .filteredOn("10.0.0.6:8080"::equals).hasSize(2);
    }

    @Test
    void keepsTheInstancesWhenTheNameCannotBeResolvedOrNamesNothing() throws Exception {
        BackendTarget catalog = targets.service("catalog-service");
        answer.set(List.of(address("10.0.0.5")));
        discovery.refresh();

        answer.set(new UnknownHostException("catalog-headless.test"));
        discovery.refresh();
        answer.set(List.of());
        discovery.refresh();

        assertThat(urls(catalog)).containsExactly("http://10.0.0.5:8080");
    }

    @Test
    void bracketsIpv6AddressesAndUsesTheSchemesPort() throws Exception {
        assertThat(DnsDiscovery.instanceUrl(java.net.URI.create("http://svc"), InetAddress.getByName("::1")))
                .hasToString("http://[0:0:0:0:0:0:0:1]:80");
        assertThat(DnsDiscovery.instanceUrl(java.net.URI.create("https://svc"), address("10.0.0.5")))
                .hasToString("https://10.0.0.5:443");
    }

    private static List<String> urls(BackendTarget target) {
        return target.instances().stream().map(BackendInstance::baseUrl).toList();
    }

    private static InetAddress address(String ip) throws UnknownHostException {
        return InetAddress.getByName(ip);
    }
}
