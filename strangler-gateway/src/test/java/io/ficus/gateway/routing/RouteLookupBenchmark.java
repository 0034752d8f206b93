package io.ficus.gateway.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.ficus.gateway.plan.Stage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;

/**
 * Cost of finding a request's route among 10 or 1,000 routes (each a read and a write route over two paths, as the
 * shop's plan has them), for a path the last route claims and a path no route claims. Run with
 * {@code strangler-gateway/bench/route-lookup.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RouteLookupBenchmark {

    @Param({"10", "1000"})
    int routes;

    private RoutingSnapshot snapshot;
    private PathContainer lastRoutesPath;
    private PathContainer unclaimedPath;

    @Setup(Level.Trial)
    public void setUp() {
        List<ActiveRoute> active = new ArrayList<>();
        for (int i = 0; i < routes / 2; i++) {
            List<String> paths = List.of("/api/service-" + i, "/api/service-" + i + "/**");
            active.add(route("service-" + i + "-writes", Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE), paths));
            active.add(route("service-" + i + "-reads", Set.of(HttpMethod.GET, HttpMethod.HEAD), paths));
        }
        ActiveRoute unclaimed = route(ActiveRoute.UNCLAIMED, Set.of(), List.of("/**"));
        snapshot = new RoutingSnapshot(1, active, unclaimed);
        lastRoutesPath = RequestPath.parse("/api/service-" + (routes / 2 - 1) + "/items/42", null).pathWithinApplication();
        unclaimedPath = RequestPath.parse("/static/app.js", null).pathWithinApplication();
        if (!snapshot.match(HttpMethod.GET, lastRoutesPath).id().equals("service-" + (routes / 2 - 1) + "-reads")) {
            throw new IllegalStateException("the benchmark's path does not find its route");
        }
    }

    @Benchmark
    public ActiveRoute lastRoute() {
        return snapshot.match(HttpMethod.GET, lastRoutesPath);
    }

    @Benchmark
    public ActiveRoute unclaimed() {
        return snapshot.match(HttpMethod.GET, unclaimedPath);
    }

    private static ActiveRoute route(String id, Set<HttpMethod> methods, List<String> paths) {
        return new ActiveRoute(id, paths, methods, null, Stage.LEGACY, 0, 0, null, null, null);
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(RouteLookupBenchmark.class.getSimpleName()).build()).run();
    }
}
