package io.ficus.gateway.routing;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ficus.gateway.plan.MigrationPlan.Backend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.SmartLifecycle;

/**
 * The instances of each backend with {@code discovery: dns}: every address its URL's host resolves to, with the
 * URL's scheme and port, resolved again every interval. Meant for a Kubernetes headless Service, whose name resolves
 * to each ready pod's address, without any access to the Kubernetes API (docs/adr/0018). A resolution that fails or
 * finds nothing keeps the instances there were: a DNS hiccup must not empty a backend (the health checks and
 * ejection take out what is really gone).
 */
class DnsDiscovery implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DnsDiscovery.class);

    /** Resolves a host name to all its addresses; the JDK's by default (its cache: GatewayApplication). */
    @FunctionalInterface
    interface Resolver {

        Resolver JDK = host -> List.of(InetAddress.getAllByName(host));

        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    private final BackendTargets targets;
    private final Map<BackendTarget, URI> discovered = new LinkedHashMap<>();
    private final Resolver resolver;
    private final Duration interval;
    private volatile Disposable running;

    DnsDiscovery(BackendTargets targets, Resolver resolver, Duration interval) {
        this.targets = targets;
        this.resolver = resolver;
        this.interval = interval;
        for (BackendTarget target : targets.all()) {
            if (target.discovered()) {
                Backend planned = targets.planned(target);
                discovered.put(target, planned.url());
            }
        }
    }

    /** Resolves every discovered backend once, now. */
    void refresh() {
        discovered.forEach(this::refresh);
    }

    private void refresh(BackendTarget target, URI url) {
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(url.getHost());
        }
        catch (UnknownHostException | RuntimeException e) {
            log.warn("Cannot resolve {} for backend {}, keeping its {} instances: {}", url.getHost(), target.name(),
                    target.instances().size(), e.toString());
            return;
        }
        List<URI> wanted = addresses.stream().map(address -> instanceUrl(url, address)).distinct().sorted().toList();
        if (wanted.isEmpty()) {
            return;
        }
        Map<String, BackendInstance> current = new LinkedHashMap<>();
        target.instances().forEach(instance -> current.put(instance.baseUrl(), instance));
        if (current.keySet().equals(new HashSet<>(wanted.stream().map(URI::toString).toList()))) {
            return;
        }
        List<BackendInstance> next = new ArrayList<>();
        for (URI instanceUrl : wanted) {
            BackendInstance kept = current.remove(instanceUrl.toString());
            next.add(kept != null ? kept : targets.newInstance(target, instanceUrl));
        }
        target.replaceInstances(next);
        current.values().forEach(targets::retire);
        log.info("Backend {}: {} resolves to {} instances {}", target.name(), url.getHost(), next.size(), wanted);
    }

    /** The URL of the instance at one address: the backend's scheme and port. */
    static URI instanceUrl(URI url, InetAddress address) {
        String host = address.getHostAddress();
        if (address instanceof Inet6Address) {
            int scope = host.indexOf('%');
            host = "[" + (scope < 0 ? host : host.substring(0, scope)) + "]";
        }
        int port = url.getPort() != -1 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
        return URI.create(url.getScheme() + "://" + host + ":" + port);
    }

    @Override
    public void start() {
        if (discovered.isEmpty()) {
            return;
        }
        // a lookup blocks: off the event loops, one round at a time
        running = Flux.interval(Duration.ZERO, interval)
                .onBackpressureDrop()
                .concatMap(tick -> Mono.fromRunnable(this::refresh).subscribeOn(Schedulers.boundedElastic()), 1)
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable current = running;
        if (current != null) {
            current.dispose();
            running = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }
}
