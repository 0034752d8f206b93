package io.ficus.gateway.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.ficus.gateway.plan.Stage;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;

import static org.assertj.core.api.Assertions.assertThat;

/** The snapshot's path index answers exactly what a scan of the routes in plan order would. */
class RoutingSnapshotTests {

    private static final ActiveRoute UNCLAIMED = route(ActiveRoute.UNCLAIMED, Set.of(), "/**");

    @Test
    void firstRouteInPlanOrderWinsAcrossIndexLevels() {
        RoutingSnapshot snapshot = snapshot(
                route("anything-under-api", Set.of(HttpMethod.GET), "/api/*/special"),
                route("catalog", Set.of(HttpMethod.GET), "/api/catalog", "/api/catalog/**"),
                route("catalog-special", Set.of(HttpMethod.GET), "/api/catalog/special"));
        assertThat(match(snapshot, HttpMethod.GET, "/api/catalog/special")).isEqualTo("anything-under-api");
        assertThat(match(snapshot, HttpMethod.GET, "/api/catalog/items/1")).isEqualTo("catalog");
        assertThat(match(snapshot, HttpMethod.GET, "/api/catalog")).isEqualTo("catalog");
        assertThat(match(snapshot, HttpMethod.GET, "/api/orders/special")).isEqualTo("anything-under-api");
    }

    @Test
    void aLaterDeeperRouteStillLosesToAnEarlierShallowerOne() {
        RoutingSnapshot snapshot = snapshot(
                route("everything", Set.of(HttpMethod.GET), "/**"),
                route("catalog", Set.of(HttpMethod.GET), "/api/catalog/**"));
        assertThat(match(snapshot, HttpMethod.GET, "/api/catalog/1")).isEqualTo("everything");
    }

    @Test
    void methodsPathsAndSegmentsMustAllFit() {
        RoutingSnapshot snapshot = snapshot(
                route("catalog-reads", Set.of(HttpMethod.GET, HttpMethod.HEAD), "/api/catalog", "/api/catalog/**"),
                route("catalog-writes", Set.of(HttpMethod.POST), "/api/catalog/**"),
                route("one-product", Set.of(HttpMethod.PUT), "/api/products/{sku}"),
                route("legacy-pages", Set.of(HttpMethod.GET), "/shop/*.html"));
        assertThat(match(snapshot, HttpMethod.HEAD, "/api/catalog/1")).isEqualTo("catalog-reads");
        assertThat(match(snapshot, HttpMethod.POST, "/api/catalog/1")).isEqualTo("catalog-writes");
        assertThat(match(snapshot, HttpMethod.DELETE, "/api/catalog/1")).isEqualTo(ActiveRoute.UNCLAIMED);
        assertThat(match(snapshot, HttpMethod.GET, "/api/catalogue")).isEqualTo(ActiveRoute.UNCLAIMED);
        assertThat(match(snapshot, HttpMethod.GET, "/API/catalog")).isEqualTo(ActiveRoute.UNCLAIMED);
        assertThat(match(snapshot, HttpMethod.GET, "//api/catalog")).isEqualTo(ActiveRoute.UNCLAIMED);
        assertThat(match(snapshot, HttpMethod.PUT, "/api/products/FIC-001")).isEqualTo("one-product");
        assertThat(match(snapshot, HttpMethod.PUT, "/api/products/FIC-001/x")).isEqualTo(ActiveRoute.UNCLAIMED);
        assertThat(match(snapshot, HttpMethod.GET, "/shop/index.html")).isEqualTo("legacy-pages");
        assertThat(match(snapshot, HttpMethod.GET, "/")).isEqualTo(ActiveRoute.UNCLAIMED);
    }

    @Test
    void segmentsAreComparedDecodedAndWithoutMatrixVariablesAsPathPatternsDo() {
        RoutingSnapshot snapshot = snapshot(route("catalog", Set.of(HttpMethod.GET), "/api/catalog/**"));
        assertThat(match(snapshot, HttpMethod.GET, "/api/catal%6Fg/1")).isEqualTo("catalog");
        assertThat(match(snapshot, HttpMethod.GET, "/api;v=1/catalog/1")).isEqualTo("catalog");
    }

    @Test
    void aThousandRoutesEachFindTheirOwn() {
        List<ActiveRoute> routes = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            routes.add(route("service-" + i, Set.of(HttpMethod.GET), "/api/service-" + i, "/api/service-" + i + "/**"));
        }
        RoutingSnapshot snapshot = new RoutingSnapshot(1, routes, UNCLAIMED);
        for (int i = 0; i < 1000; i += 37) {
            assertThat(match(snapshot, HttpMethod.GET, "/api/service-" + i + "/items/7")).isEqualTo("service-" + i);
        }
        assertThat(match(snapshot, HttpMethod.GET, "/api/service-1000")).isEqualTo(ActiveRoute.UNCLAIMED);
    }

    @Test
    void literalPrefixStopsAtTheFirstSegmentThatIsNotPlainText() {
        assertThat(RoutingSnapshot.PathIndex.literalPrefix("/api/catalog/**")).containsExactly("api", "catalog");
        assertThat(RoutingSnapshot.PathIndex.literalPrefix("/api/{id}/x")).containsExactly("api");
        assertThat(RoutingSnapshot.PathIndex.literalPrefix("/api/a%20b/x")).containsExactly("api");
        assertThat(RoutingSnapshot.PathIndex.literalPrefix("/api/*.json")).containsExactly("api");
        assertThat(RoutingSnapshot.PathIndex.literalPrefix("/**")).isEmpty();
    }

    static RoutingSnapshot snapshot(ActiveRoute... routes) {
        return new RoutingSnapshot(1, List.of(routes), UNCLAIMED);
    }

    static String match(RoutingSnapshot snapshot, HttpMethod method, String path) {
        PathContainer container = RequestPath.parse(path, null).pathWithinApplication();
        return snapshot.match(method, container).id();
    }

    static ActiveRoute route(String id, Set<HttpMethod> methods, String... paths) {
        return new ActiveRoute(id, List.of(paths), methods, null, Stage.LEGACY, 0, List.of(), 0, null, null, null);
    }
}
