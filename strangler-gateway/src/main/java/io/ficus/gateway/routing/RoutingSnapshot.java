package io.ficus.gateway.routing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * An immutable view of every route's stage, with path patterns pre-parsed per HTTP method so that a lookup is
 * one map get and a short scan. A change builds a new snapshot; nothing in one is ever modified.
 */
public final class RoutingSnapshot {

    private final long version;
    private final Map<HttpMethod, Entry[]> byMethod;
    private final Map<String, ActiveRoute> byId;
    private final ActiveRoute unclaimed;

    private record Entry(PathPattern pattern, ActiveRoute route) {
    }

    RoutingSnapshot(long version, Collection<ActiveRoute> routes, ActiveRoute unclaimed) {
        this.version = version;
        this.unclaimed = unclaimed;
        Map<HttpMethod, List<Entry>> entries = new HashMap<>();
        Map<String, ActiveRoute> ids = new LinkedHashMap<>();
        for (ActiveRoute route : routes) {
            ids.put(route.id(), route);
            for (String path : route.paths()) {
                PathPattern pattern = PathPatternParser.defaultInstance.parse(path);
                for (HttpMethod method : route.methods()) {
                    entries.computeIfAbsent(method, m -> new ArrayList<>()).add(new Entry(pattern, route));
                }
            }
        }
        Map<HttpMethod, Entry[]> arrays = new HashMap<>();
        entries.forEach((method, list) -> arrays.put(method, list.toArray(Entry[]::new)));
        this.byMethod = Map.copyOf(arrays);
        this.byId = ids;
    }

    /** The route claiming this request, or the catch-all that sends it to legacy. */
    public ActiveRoute match(HttpMethod method, PathContainer path) {
        Entry[] entries = byMethod.get(method);
        if (entries != null) {
            for (Entry entry : entries) {
                if (entry.pattern.matches(path)) {
                    return entry.route;
                }
            }
        }
        return unclaimed;
    }

    public long version() {
        return version;
    }

    public Collection<ActiveRoute> routes() {
        return byId.values();
    }

    public ActiveRoute route(String id) {
        return byId.get(id);
    }

    public ActiveRoute unclaimed() {
        return unclaimed;
    }
}
