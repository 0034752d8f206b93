package io.ficus.gateway.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.ficus.gateway.plan.MigrationPlan.Backend;
import io.ficus.gateway.plan.MigrationPlan.PlannedRoute;
import io.ficus.gateway.plan.MigrationPlanDocument.BackendDocument;
import io.ficus.gateway.plan.MigrationPlanDocument.RouteDocument;
import io.ficus.gateway.plan.StageRules.Placement;
import io.ficus.gateway.plan.StageRules.StageRefused;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PlaceholdersResolver;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpMethod;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.springframework.web.util.pattern.PatternParseException;

/** Reads the migration plan YAML and refuses a plan that would route ambiguously or nowhere. */
public final class MigrationPlanLoader {

    private static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(30);
    private static final Set<String> KNOWN_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE",
            "OPTIONS", "TRACE");

    private MigrationPlanLoader() {
    }

    /**
     * Loads and validates; {@code placeholders} resolves {@code ${...}} in values (null: system properties and
     * environment variables only).
     */
    public static MigrationPlan load(Resource resource, PlaceholdersResolver placeholders) {
        String location = resource.getDescription();
        if (!resource.exists()) {
            throw new InvalidMigrationPlanException(location, List.of("the file does not exist"));
        }
        MigrationPlanDocument document;
        try {
            List<PropertySource<?>> sources = new YamlPropertySourceLoader().load("migration-plan", resource);
            Binder binder = new Binder(ConfigurationPropertySources.from(sources), placeholders != null ? placeholders
                    : new PropertySourcesPlaceholdersResolver(new StandardEnvironment()));
            document = binder.bind("", Bindable.of(MigrationPlanDocument.class)).orElse(null);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read migration plan " + location, e);
        }
        catch (BindException e) {
            Throwable cause = org.springframework.core.NestedExceptionUtils.getMostSpecificCause(e);
            throw new InvalidMigrationPlanException(location,
                    List.of(e.getProperty() != null ? "'" + e.getProperty().getName() + "': " + cause.getMessage()
                            : cause.getMessage()));
        }
        if (document == null) {
            throw new InvalidMigrationPlanException(location, List.of("the file is empty"));
        }
        return validate(location, document);
    }

    static MigrationPlan validate(String location, MigrationPlanDocument document) {
        List<String> problems = new ArrayList<>();
        Backend legacy = document.legacy() == null ? null
                : backend(MigrationPlan.LEGACY_NAME, document.legacy(), "legacy", problems);
        if (document.legacy() == null) {
            problems.add("legacy: missing (legacy.url is the backend that answers unclaimed paths)");
        }
        Map<String, Backend> services = new LinkedHashMap<>();
        if (document.services() != null) {
            document.services().forEach((name, service) -> {
                if (MigrationPlan.LEGACY_NAME.equals(name)) {
                    problems.add("service 'legacy': the name is reserved for the legacy backend");
                }
                Backend backend = backend(name, service, "service '" + name + "'", problems);
                if (backend != null) {
                    services.put(name, backend);
                }
            });
        }
        List<PlannedRoute> routes = new ArrayList<>();
        List<List<PathPattern>> patterns = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        List<RouteDocument> routeDocuments = document.routes() == null ? List.of() : document.routes();
        for (int i = 0; i < routeDocuments.size(); i++) {
            RouteDocument route = routeDocuments.get(i);
            String label = route.id() == null || route.id().isBlank() ? "routes[" + i + "]" : "route '" + route.id() + "'";
            int before = problems.size();
            if (route.id() == null || route.id().isBlank()) {
                problems.add(label + ": id is missing");
            }
            else if (!ids.add(route.id())) {
                problems.add(label + ": id is used twice");
            }
            List<PathPattern> parsed = paths(route, label, problems);
            Set<HttpMethod> methods = methods(route, label, problems);
            if (route.service() == null || !services.containsKey(route.service())) {
                problems.add(label + ": unknown service '" + route.service() + "' (known: "
                        + String.join(", ", services.keySet()) + ")");
            }
            Placement placement = placement(route, methods, label, problems);
            String group = route.group() == null || route.group().isBlank() ? null : route.group().trim();
            AutomationPolicy automation = problems.size() == before
                    ? AutomationPolicies.read(route.automation(), methods, group, placement, label, problems) : null;
            ShadowSettings shadow = ShadowSettingsReader.read(route.shadow(), label, problems);
            if (problems.size() == before) {
                routes.add(new PlannedRoute(route.id(), List.copyOf(route.paths()), methods, route.service(),
                        placement.stage(), placement.percent(), placement.callerGroups(), group, automation, shadow));
                patterns.add(parsed);
            }
        }
        findOverlaps(routes, patterns, problems);
        checkGroups(routes, problems);
        List<String> internalPaths = internalPaths(document.internalPaths(), problems);
        if (!problems.isEmpty()) {
            throw new InvalidMigrationPlanException(location, problems);
        }
        return new MigrationPlan(legacy, Map.copyOf(services), List.copyOf(routes), internalPaths);
    }

    /** The initial stage, by the same rules the admin API applies to a change (absent means legacy). */
    private static Placement placement(RouteDocument route, Set<HttpMethod> methods, String label,
            List<String> problems) {
        try {
            return StageRules.check(methods, route.stage() == null ? Stage.LEGACY.id() : route.stage(),
                    route.percent(), route.callerGroups());
        }
        catch (StageRefused refused) {
            problems.add(label + ": " + refused.getMessage());
            return new Placement(Stage.LEGACY, 0);
        }
    }

    /** Routes of one group move together, so they must also start together. */
    private static void checkGroups(List<PlannedRoute> routes, List<String> problems) {
        Map<String, PlannedRoute> first = new LinkedHashMap<>();
        for (PlannedRoute route : routes) {
            if (route.group() == null) {
                continue;
            }
            PlannedRoute leader = first.putIfAbsent(route.group(), route);
            if (leader != null && (leader.stage() != route.stage() || leader.percent() != route.percent()
                    || !leader.callerGroups().equals(route.callerGroups()))) {
                problems.add("route '" + route.id() + "': group '" + route.group() + "' moves together, but route '"
                        + leader.id() + "' starts at " + describe(leader) + " and this one at " + describe(route));
            }
        }
    }

    private static String describe(PlannedRoute route) {
        return StageRules.describe(route.stage(), route.percent(), route.callerGroups());
    }

    private static List<String> internalPaths(List<String> configured, List<String> problems) {
        if (configured == null) {
            return MigrationPlan.DEFAULT_INTERNAL_PATHS;
        }
        for (String path : configured) {
            if (path == null || !path.startsWith("/")) {
                problems.add("internal-paths: '" + path + "' must start with /");
                continue;
            }
            try {
                PathPatternParser.defaultInstance.parse(path);
            }
            catch (PatternParseException e) {
                problems.add("internal-paths: '" + path + "' is not a valid pattern: " + e.getMessage());
            }
        }
        return List.copyOf(configured);
    }

    private static Backend backend(String name, BackendDocument document, String label, List<String> problems) {
        if (document == null || document.url() == null || document.url().isBlank()) {
            problems.add(label + ": url is missing");
            return null;
        }
        // one URL per instance, comma-separated: an environment variable can list them all
        List<URI> instances = new ArrayList<>();
        for (String each : document.url().split(",")) {
            URI url = instance(each.trim(), label, problems);
            if (url == null) {
                return null;
            }
            if (instances.contains(url)) {
                problems.add(label + ": url lists " + url + " twice");
                return null;
            }
            instances.add(url);
        }
        String healthPath = document.healthPath() == null || document.healthPath().isBlank() ? null
                : document.healthPath().trim();
        if (healthPath != null && !healthPath.startsWith("/")) {
            problems.add(label + ": health-path '" + healthPath + "' must start with /");
        }
        boolean dns = dns(document.discovery(), instances, label, problems);
        Duration connect = positive(document.connectTimeout(), DEFAULT_CONNECT_TIMEOUT, label + ": connect-timeout", problems);
        Duration response = positive(document.responseTimeout(), DEFAULT_RESPONSE_TIMEOUT, label + ": response-timeout", problems);
        return new Backend(name, instances, connect, response, Boolean.TRUE.equals(document.preserveHost()), healthPath,
                dns);
    }

    /** {@code discovery: dns}: the instances are the addresses of the one URL's host; {@code static} (default): the URLs. */
    private static boolean dns(String discovery, List<URI> instances, String label, List<String> problems) {
        String value = discovery == null ? "" : discovery.trim().toLowerCase(Locale.ROOT);
        if (value.isEmpty() || "static".equals(value)) {
            return false;
        }
        if (!"dns".equals(value)) {
            problems.add(label + ": discovery '" + discovery + "' is neither static nor dns");
            return false;
        }
        if (instances.size() != 1) {
            problems.add(label + ": discovery dns takes one url (its host names every instance), not " + instances.size());
        }
        return true;
    }

    /** One instance's base URL (scheme and authority only), or null after adding the problem. */
    private static URI instance(String text, String label, List<String> problems) {
        URI url;
        try {
            url = URI.create(text);
        }
        catch (IllegalArgumentException e) {
            problems.add(label + ": url '" + text + "' is not a URI");
            return null;
        }
        if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
            problems.add(label + ": url '" + text + "' must be an absolute http(s) URL");
            return null;
        }
        if (url.getRawPath() != null && !url.getRawPath().isEmpty() && !"/".equals(url.getRawPath())) {
            problems.add(label + ": url '" + text + "' must not have a path (paths pass through unchanged)");
            return null;
        }
        return URI.create(url.getScheme() + "://" + url.getRawAuthority());
    }

    private static Duration positive(Duration value, Duration fallback, String label, List<String> problems) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            problems.add(label + " must be positive, was " + value);
        }
        return value;
    }

    private static List<PathPattern> paths(RouteDocument route, String label, List<String> problems) {
        List<PathPattern> parsed = new ArrayList<>();
        if (route.paths() == null || route.paths().isEmpty()) {
            problems.add(label + ": paths are missing");
            return parsed;
        }
        for (String path : route.paths()) {
            if (path == null || !path.startsWith("/")) {
                problems.add(label + ": path '" + path + "' must start with /");
                continue;
            }
            try {
                parsed.add(PathPatternParser.defaultInstance.parse(path));
            }
            catch (PatternParseException e) {
                problems.add(label + ": path '" + path + "' is not a valid pattern: " + e.getMessage());
            }
        }
        return parsed;
    }

    private static Set<HttpMethod> methods(RouteDocument route, String label, List<String> problems) {
        Set<HttpMethod> methods = new LinkedHashSet<>();
        if (route.methods() == null || route.methods().isEmpty()) {
            problems.add(label + ": methods are missing (list them: reads and writes may move separately)");
            return methods;
        }
        for (String method : route.methods()) {
            String name = method == null ? "" : method.trim().toUpperCase(Locale.ROOT);
            if (!KNOWN_METHODS.contains(name)) {
                problems.add(label + ": unknown HTTP method '" + method + "'");
            }
            else {
                methods.add(HttpMethod.valueOf(name));
            }
        }
        return methods;
    }

    /**
     * Two routes overlap when they share a method and one's pattern matches a sample path of the other's. This
     * catches identical, nested and wildcard-covered patterns; two patterns that only cross through wildcards on
     * both sides are not detected (routing then picks the first in plan order).
     */
    private static void findOverlaps(List<PlannedRoute> routes, List<List<PathPattern>> patterns, List<String> problems) {
        for (int a = 0; a < routes.size(); a++) {
            for (int b = a + 1; b < routes.size(); b++) {
                Set<HttpMethod> shared = new LinkedHashSet<>(routes.get(a).methods());
                shared.retainAll(routes.get(b).methods());
                if (shared.isEmpty()) {
                    continue;
                }
                for (PathPattern pa : patterns.get(a)) {
                    for (PathPattern pb : patterns.get(b)) {
                        if (overlap(pa, pb)) {
                            problems.add("route '" + routes.get(b).id() + "': overlaps route '" + routes.get(a).id()
                                    + "' on " + shared + " " + pa.getPatternString() + " / " + pb.getPatternString());
                        }
                    }
                }
            }
        }
    }

    static boolean overlap(PathPattern a, PathPattern b) {
        return a.getPatternString().equals(b.getPatternString())
                || a.matches(PathPatternSamples.sample(b)) || b.matches(PathPatternSamples.sample(a));
    }
}
