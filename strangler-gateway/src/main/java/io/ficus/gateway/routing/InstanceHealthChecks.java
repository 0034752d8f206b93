package io.ficus.gateway.routing;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.ficus.gateway.plan.MigrationPlan.Backend;
import io.netty.channel.ChannelOption;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClient;
import reactor.netty.tcp.TcpClient;

import org.springframework.context.SmartLifecycle;

/**
 * Checks every instance of each backend with several, every interval, and takes an instance out while its check
 * fails: a 2xx from the backend's health path (a readiness probe), or without one a TCP connect; connecting within
 * the backend's connect timeout, answering within one interval more. This is what brings a taken-out instance back, and what keeps a dead one out without a
 * request having to fail first. Backends with one instance are not checked (there is nothing to move to).
 */
class InstanceHealthChecks implements SmartLifecycle {

    private final List<Checked> backends = new ArrayList<>();
    private final Duration interval;
    private volatile Disposable running;

    InstanceHealthChecks(BackendTargets targets, Duration interval) {
        this.interval = interval;
        for (BackendTarget target : targets.all()) {
            if (target.balanced()) {
                backends.add(new Checked(target, targets.planned(target)));
            }
        }
    }

    /** A backend whose instances are checked: the current ones in each round (DNS may change them). */
    private record Checked(BackendTarget target, Backend planned) {
    }

    @Override
    public void start() {
        if (backends.isEmpty()) {
            return;
        }
        // one round at a time: a round that takes longer than the interval delays the next instead of piling up
        running = Flux.interval(Duration.ZERO, interval)
                .onBackpressureDrop()
                .concatMap(tick -> Flux.fromIterable(round()).flatMap(Check::run).then(), 1)
                .subscribe();
    }

    private List<Check> round() {
        List<Check> checks = new ArrayList<>();
        for (Checked backend : backends) {
            Backend planned = backend.planned();
            // the connect timeout to connect, and one interval more to answer: a check is no latency test
            backend.target().instances().forEach(instance -> checks.add(new Check(instance, planned.healthPath(),
                    planned.connectTimeout(), planned.connectTimeout().plus(interval))));
        }
        return checks;
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

    /** One instance's check. */
    private record Check(BackendInstance instance, String healthPath, Duration connectTimeout, Duration timeout) {

        Mono<Void> run() {
            Mono<String> failure = healthPath != null ? http() : tcp();
            return failure.timeout(timeout, Mono.just("no answer within " + timeout.toMillis() + " ms"))
                    .onErrorResume(error -> Mono.just(error.getClass().getSimpleName() + ": " + error.getMessage()))
                    .defaultIfEmpty("")
                    .doOnNext(problem -> {
                        if (problem.isEmpty()) {
                            instance.markUp();
                        }
                        else {
                            instance.markDown(problem);
                        }
                    })
                    .then();
        }

        /** Empty when the health path answers 2xx, else what was wrong. */
        private Mono<String> http() {
            return HttpClient.newConnection()
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
                    .get().uri(instance.baseUrl() + healthPath)
                    .responseSingle((response, body) -> body.asByteArray().then(Mono.just(response.status().code())))
                    .flatMap(status -> status / 100 == 2 ? Mono.empty() : Mono.just(healthPath + " answered " + status));
        }

        /** Empty when the instance accepts a TCP connection. */
        private Mono<String> tcp() {
            URI url = URI.create(instance.baseUrl());
            int port = url.getPort() != -1 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
            return TcpClient.newConnection().host(url.getHost()).port(port)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
                    .connect()
                    .doOnNext(Connection::dispose)
                    .then(Mono.empty());
        }
    }
}
