package io.ficus.gateway.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Cost of finding a request's route among 10 or 1,000 routes (each a read and a write route over two paths, as the
 * shop's plan has them), for a path the last route claims and a path no route claims, with the index and with
 * the linear scan it replaced. Run with
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
    private LinearScan linear;
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
        linear = new LinearScan(active, unclaimed);
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

    /** The lookup before the index (a scan of the method's patterns in plan order), for comparison. */
    @Benchmark
    public ActiveRoute lastRouteLinearScan() {
        return linear.match(HttpMethod.GET, lastRoutesPath);
    }

    @Benchmark
    public ActiveRoute unclaimedLinearScan() {
        return linear.match(HttpMethod.GET, unclaimedPath);
    }

    private record LinearScan(Map<HttpMethod, List<Map.Entry<PathPattern, ActiveRoute>>> byMethod, ActiveRoute unclaimed) {

        LinearScan(List<ActiveRoute> routes, ActiveRoute unclaimed) {
            this(new HashMap<>(), unclaimed);
            for (ActiveRoute route : routes) {
                for (String path : route.paths()) {
                    PathPattern pattern = PathPatternParser.defaultInstance.parse(path);
                    for (HttpMethod method : route.methods()) {
                        byMethod.computeIfAbsent(method, m -> new ArrayList<>()).add(Map.entry(pattern, route));
                    }
                }
            }
        }

        ActiveRoute match(HttpMethod method, PathContainer path) {
            for (Map.Entry<PathPattern, ActiveRoute> entry : byMethod.getOrDefault(method, List.of())) {
                if (entry.getKey().matches(path)) {
                    return entry.getValue();
                }
            }
            return unclaimed;
        }
    }

    private static ActiveRoute route(String id, Set<HttpMethod> methods, List<String> paths) {
        return new ActiveRoute(id, paths, methods, null, Stage.LEGACY, 0, List.of(), 0, null, null, null);
    }

    /** JMH's command line, limited to this benchmark (further JMH options may follow). */
    public static void main(String[] args) throws Exception {
        String[] all = new String[args.length + 1];
        all[0] = RouteLookupBenchmark.class.getSimpleName();
        System.arraycopy(args, 0, all, 1, args.length);
        org.openjdk.jmh.Main.main(all);
    }
}
