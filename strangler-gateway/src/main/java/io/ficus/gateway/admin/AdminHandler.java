package io.ficus.gateway.admin;

import java.lang.reflect.RecordComponent;
import java.security.Principal;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.ficus.gateway.admin.AdminViews.AutomationChange;
import io.ficus.gateway.admin.AdminViews.Rollback;
import io.ficus.gateway.admin.AdminViews.RouteView;
import io.ficus.gateway.admin.AdminViews.StageChange;
import io.ficus.gateway.admin.AdminViews.Stats;
import io.ficus.gateway.automation.AutomationControl;
import io.ficus.gateway.automation.AutomationControl.AutomationRefused;
import io.ficus.gateway.edge.RequestEventLoop;
import io.ficus.gateway.routing.ActiveRoute;
import io.ficus.gateway.routing.RoutingTable;
import io.ficus.gateway.shadow.ShadowRoutes;
import io.ficus.gateway.state.ChangeRejectedException;
import io.ficus.gateway.state.StageChanges;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/** The admin API's operations: list routes with stats, change or roll back a stage, read the audit trail. */
class AdminHandler {

    private static final Pattern ROUTE = Pattern.compile("/admin/routes/[^/]+");
    private static final Pattern STAGE = Pattern.compile("/admin/routes/[^/]+/stage");
    private static final Pattern ROLLBACK = Pattern.compile("/admin/routes/[^/]+/rollback");
    private static final Pattern AUTOMATION = Pattern.compile("/admin/routes/[^/]+/automation/(pause|resume)");
    private static final Pattern SHADOW = Pattern.compile("/admin/routes/[^/]+/shadow");
    private static final JsonMapper BODIES = JsonMapper.builder().build();

    private final RoutingTable table;
    private final StageChanges changes;
    private final AutomationControl automation;
    private final ShadowRoutes shadow;

    AdminHandler(RoutingTable table, StageChanges changes, AutomationControl automation, ShadowRoutes shadow) {
        this.table = table;
        this.changes = changes;
        this.automation = automation;
        this.shadow = shadow;
    }

    Mono<ServerResponse> routes(ServerRequest request) {
        List<RouteView> views = table.current().routes().stream().map(this::view).toList();
        return ServerResponse.ok().bodyValue(views);
    }

    Mono<ServerResponse> route(ServerRequest request) {
        String id = request.pathVariable("id");
        ActiveRoute route = table.current().route(id);
        if (route == null) {
            return problem(HttpStatus.NOT_FOUND, "no route '" + id + "' in the migration plan");
        }
        return ServerResponse.ok().bodyValue(view(route));
    }

    /** What the route's shadow traffic has shown: mismatches by path, calibrated noise, the last samples. */
    Mono<ServerResponse> shadow(ServerRequest request) {
        String id = request.pathVariable("id");
        ActiveRoute route = table.current().route(id);
        if (route == null) {
            return problem(HttpStatus.NOT_FOUND, "no route '" + id + "' in the migration plan");
        }
        return ServerResponse.ok().bodyValue(shadow.report(id, route.stage().id()));
    }

    Mono<ServerResponse> changeStage(ServerRequest request) {
        String id = request.pathVariable("id");
        return Mono.zip(who(request), body(request, StageChange.class))
                .flatMap(input -> blocking(request, () -> changes.change(id, input.getT2().stage(), input.getT2().percent(),
                        input.getT2().callerGroups(), input.getT2().reason(), input.getT2().expectedVersion(),
                        input.getT1(), null)))
                .flatMap(state -> ServerResponse.ok().bodyValue(view(table.current().route(id))))
                .onErrorResume(AdminHandler::rejected);
    }

    Mono<ServerResponse> rollback(ServerRequest request) {
        String id = request.pathVariable("id");
        return Mono.zip(who(request), body(request, Rollback.class))
                .flatMap(input -> blocking(request, () -> changes.rollback(id, input.getT2().reason(), input.getT1())))
                .flatMap(state -> ServerResponse.ok().bodyValue(view(table.current().route(id))))
                .onErrorResume(AdminHandler::rejected);
    }

    Mono<ServerResponse> pauseAutomation(ServerRequest request) {
        String id = request.pathVariable("id");
        return Mono.zip(who(request), optionalBody(request))
                .flatMap(input -> blocking(request, () -> {
                    automation.pause(id, input.getT2().reason(), input.getT1());
                    return id;
                }))
                .flatMap(routeId -> ServerResponse.ok().bodyValue(view(table.current().route(routeId))))
                .onErrorResume(AdminHandler::rejected);
    }

    Mono<ServerResponse> resumeAutomation(ServerRequest request) {
        String id = request.pathVariable("id");
        return Mono.zip(who(request), optionalBody(request))
                .flatMap(input -> blocking(request, () -> {
                    automation.resume(id, input.getT2().reason(), input.getT1());
                    return id;
                }))
                .flatMap(routeId -> ServerResponse.ok().bodyValue(view(table.current().route(routeId))))
                .onErrorResume(AdminHandler::rejected);
    }

    /** A pause or resume needs no body; one that is sent must be JSON with an optional reason. */
    private static Mono<AutomationChange> optionalBody(ServerRequest request) {
        boolean hasBody = request.headers().contentLength().orElse(0) > 0
                || request.headers().firstHeader(HttpHeaders.TRANSFER_ENCODING) != null;
        return hasBody ? body(request, AutomationChange.class) : Mono.just(new AutomationChange(null));
    }

    Mono<ServerResponse> audit(ServerRequest request) {
        String routeId = request.queryParam("route").orElse(null);
        int limit;
        try {
            limit = Integer.parseInt(request.queryParam("limit").orElse("100"));
        }
        catch (NumberFormatException e) {
            return problem(HttpStatus.BAD_REQUEST, "limit must be a number");
        }
        return blocking(request, () -> changes.audit(routeId, limit))
                .flatMap(entries -> ServerResponse.ok().bodyValue(entries))
                .onErrorResume(AdminHandler::rejected);
    }

    /** Anything else under /admin: 405 on a known path (with Allow), 404 otherwise. */
    Mono<ServerResponse> notMapped(ServerRequest request) {
        String path = request.path();
        boolean readOnly = path.equals("/admin/routes") || path.equals("/admin/audit") || ROUTE.matcher(path).matches()
                || SHADOW.matcher(path).matches();
        String allow = readOnly ? "GET" : STAGE.matcher(path).matches() ? "PUT"
                : ROLLBACK.matcher(path).matches() || AUTOMATION.matcher(path).matches() ? "POST" : null;
        if (allow == null) {
            return problem(HttpStatus.NOT_FOUND, "no admin endpoint " + path);
        }
        return ServerResponse.status(HttpStatus.METHOD_NOT_ALLOWED)
                .header(HttpHeaders.ALLOW, allow)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyValue(ProblemDetail.forStatusAndDetail(HttpStatus.METHOD_NOT_ALLOWED,
                        request.method().name() + " is not supported on " + path + " (allowed: " + allow + ")"));
    }

    /**
     * The body as JSON; problems name what is wrong without naming internal classes. A field the body type does not
     * have is refused rather than ignored: a misspelt field ({@code groups} for {@code callerGroups}) would otherwise
     * change a route in a way its sender did not ask for.
     */
    private static <T> Mono<T> body(ServerRequest request, Class<T> type) {
        MediaType contentType = request.headers().contentType().orElse(null);
        if (contentType != null && !MediaType.APPLICATION_JSON.isCompatibleWith(contentType)) {
            return Mono.error(new ChangeRejectedExceptionView(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type " + contentType + " is not supported: send application/json"));
        }
        return request.bodyToMono(JsonNode.class)
                .map(node -> fieldsOf(node, type))
                .onErrorMap(e -> !(e instanceof ChangeRejectedExceptionView), e -> new ChangeRejectedExceptionView(
                        HttpStatus.BAD_REQUEST, "unreadable JSON body: the body must be a JSON object with "
                                + fields(type)))
                .switchIfEmpty(Mono.error(new ChangeRejectedExceptionView(HttpStatus.BAD_REQUEST, "a JSON body is required")));
    }

    private static <T> T fieldsOf(JsonNode node, Class<T> type) {
        if (!node.isObject()) {
            throw new ChangeRejectedExceptionView(HttpStatus.BAD_REQUEST,
                    "the body must be a JSON object with " + fields(type));
        }
        Set<String> known = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.toSet());
        List<String> unknown = node.propertyNames().stream().filter(name -> !known.contains(name)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new ChangeRejectedExceptionView(HttpStatus.BAD_REQUEST, "unknown field" + (unknown.size() > 1 ? "s " : " ")
                    + unknown.stream().map(name -> "'" + name + "'").collect(Collectors.joining(", "))
                    + ": the body may have " + fields(type));
        }
        return BODIES.treeToValue(node, type);
    }

    private static String fields(Class<?> type) {
        return Arrays.stream(type.getRecordComponents()).map(component -> component.getName())
                .collect(Collectors.joining(", "));
    }

    private static Mono<String> who(ServerRequest request) {
        return request.principal().map(Principal::getName).defaultIfEmpty("anonymous");
    }

    /** A blocking call (the database) off the event loop, answered back on the request's own (RequestEventLoop). */
    private static <T> Mono<T> blocking(ServerRequest request, Callable<T> call) {
        return RequestEventLoop.backOn(request.exchange().getRequest(),
                Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic()));
    }

    private static Mono<ServerResponse> rejected(Throwable error) {
        if (error instanceof ChangeRejectedException rejected) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(rejected.status(), rejected.getMessage());
            if (rejected.type() != null) {
                problem.setType(rejected.type());
                problem.setTitle(rejected.title());
            }
            return ServerResponse.status(rejected.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .bodyValue(problem);
        }
        if (error instanceof AutomationRefused refused) {
            return problem(refused.status(), refused.getMessage());
        }
        if (error instanceof ChangeRejectedExceptionView rejected) {
            return problem(rejected.status, rejected.getMessage());
        }
        return Mono.error(error);
    }

    static Mono<ServerResponse> problem(HttpStatus status, String detail) {
        return ServerResponse.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyValue(ProblemDetail.forStatusAndDetail(status, detail));
    }

    private RouteView view(ActiveRoute route) {
        CircuitBreaker breaker = route.service() == null ? null : route.service().breaker();
        return new RouteView(route.id(),
                route.methods().stream().map(method -> method.name()).sorted(Comparator.naturalOrder()).toList(),
                route.paths(), route.service() == null ? null : route.service().name(), route.stage().id(),
                route.percent(), route.callerGroups(), route.version(), route.state() == null ? null : route.state().updatedAt(),
                route.state() == null ? null : route.state().updatedBy(),
                breaker == null ? null : breaker.getState().name().toLowerCase(Locale.ROOT),
                new Stats(route.legacyMeters().stats(), route.serviceMeters().stats()), automation.view(route.id()),
                shadow.summary(route.id()));
    }

    /** A bad request found while reading the body (before any change was attempted). */
    private static final class ChangeRejectedExceptionView extends RuntimeException {

        private final HttpStatus status;

        ChangeRejectedExceptionView(HttpStatus status, String detail) {
            super(detail, null, false, false);
            this.status = status;
        }
    }
}
