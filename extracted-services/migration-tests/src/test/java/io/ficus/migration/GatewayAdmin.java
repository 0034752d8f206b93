package io.ficus.migration;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/** The strangler gateway's admin API (HTTP basic): move a route, roll it back, read its per-side figures. */
final class GatewayAdmin {

    private final String baseUrl;
    private final String authorization;

    GatewayAdmin(String baseUrl, String user, String password) {
        this.baseUrl = baseUrl;
        this.authorization = Http.basic(user, password);
    }

    JsonNode route(String id) {
        Http.Answer answer = Http.get(baseUrl + "/admin/routes/" + id, "Authorization", authorization);
        if (answer.status() != 200) {
            throw new AssertionError("reading route " + id + ": " + answer);
        }
        return answer.json();
    }

    void canary(String route, int percent, String reason) {
        change(route, Map.of("stage", "canary", "percent", percent, "reason", reason));
    }

    /** A canary whose {@code callerGroups} go to the service whatever the percent. */
    void canary(String route, int percent, List<String> callerGroups, String reason) {
        change(route, Map.of("stage", "canary", "percent", percent, "callerGroups", callerGroups, "reason", reason));
    }

    /** The route's last audit entries, newest first. */
    JsonNode audit(String route, int limit) {
        Http.Answer answer = Http.get(baseUrl + "/admin/audit?route=" + route + "&limit=" + limit, "Authorization",
                authorization);
        if (answer.status() != 200) {
            throw new AssertionError("reading the audit of " + route + ": " + answer);
        }
        return answer.json();
    }

    void live(String route, String reason) {
        change(route, Map.of("stage", "live", "reason", reason));
    }

    void rollback(String route, String reason) {
        Http.Answer answer = Http.post(baseUrl + "/admin/routes/" + route + "/rollback", Map.of("reason", reason),
                "Authorization", authorization);
        if (answer.status() != 200) {
            throw new AssertionError("rolling back " + route + ": " + answer);
        }
    }

    /** Requests the gateway sent to one side ({@code legacy} or {@code service}) of a route so far. */
    long requests(String route, String side) {
        return route(route).path("stats").path(side).path("requests").asLong();
    }

    String stage(String route) {
        JsonNode view = route(route);
        String stage = view.path("stage").asString();
        return "canary".equals(stage) ? "canary " + view.path("percent").asInt() : stage;
    }

    private void change(String route, Map<String, Object> body) {
        Http.Answer answer = Http.put(baseUrl + "/admin/routes/" + route + "/stage", body, "Authorization", authorization);
        if (answer.status() != 200) {
            throw new AssertionError("moving " + route + " to " + body + ": " + answer);
        }
    }
}
