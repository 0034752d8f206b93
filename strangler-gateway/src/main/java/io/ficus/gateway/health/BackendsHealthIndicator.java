package io.ficus.gateway.health;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Reports in the gateway's health details whether each backend of the migration plan accepts a TCP connection,
 * and stays UP whatever they answer: a backend being down is what the gateway's fallbacks and breakers are for,
 * and must not take the gateway (and with it every other route) out of its load balancer.
 */
class BackendsHealthIndicator implements ReactiveHealthIndicator {

    private final List<Backend> backends;

    BackendsHealthIndicator(List<Backend> backends) {
        this.backends = List.copyOf(backends);
    }

    @Override
    public Mono<Health> health() {
        return Flux.fromIterable(backends)
                .flatMapSequential(backend -> Mono.fromCallable(() -> probe(backend))
                        .subscribeOn(Schedulers.boundedElastic()))
                .collectList()
                .map(probes -> {
                    Map<String, Object> details = new LinkedHashMap<>();
                    probes.forEach(probe -> details.put(probe.name(), probe.details()));
                    return Health.up().withDetails(details).build();
                });
    }

    private static Probe probe(Backend backend) {
        URI url = backend.url();
        int port = url.getPort() != -1 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
        long started = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(url.getHost(), port), (int) backend.connectTimeout().toMillis());
            return new Probe(backend.name(), url, true, (System.nanoTime() - started) / 1_000_000, null);
        }
        catch (IOException | IllegalArgumentException e) {
            return new Probe(backend.name(), url, false, (System.nanoTime() - started) / 1_000_000,
                    e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** A backend to probe: its name in the plan, its URL and how long a connection attempt may take. */
    record Backend(String name, URI url, Duration connectTimeout) {
    }

    /** What one probe found. */
    private record Probe(String name, URI url, boolean reachable, long millis, String error) {

        Map<String, Object> details() {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("url", url.toString());
            details.put("reachable", reachable);
            details.put("connectMillis", millis);
            if (error != null) {
                details.put("error", error);
            }
            return details;
        }
    }
}
