package io.ficus.gateway.dashboard;

import java.nio.charset.StandardCharsets;

import io.ficus.gateway.admin.AdminPages;
import io.ficus.gateway.admin.AdminSession;
import reactor.core.publisher.Mono;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.HtmlUtils;

/**
 * Serves the dashboard page and its script and style sheet. The page carries the session's CSRF token for the
 * script to send with every change; the data itself comes from the admin JSON API, polled by the script.
 */
class DashboardHandler {

    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);
    private static final MediaType SCRIPT = new MediaType("text", "javascript", StandardCharsets.UTF_8);
    private static final MediaType STYLE = new MediaType("text", "css", StandardCharsets.UTF_8);

    private final String page = AdminPages.template("dashboard/dashboard.html");
    private final String script = AdminPages.template("dashboard/dashboard.js");
    private final String styleSheet = AdminPages.template("dashboard/dashboard.css");

    Mono<ServerResponse> page(ServerRequest request) {
        // logged in with HTTP basic there is no session and no token: the browser resends basic credentials itself
        AdminSession session = AdminSession.of(request.exchange()).orElse(null);
        String token = session == null ? "" : session.csrfToken();
        return request.principal().map(principal -> principal.getName()).defaultIfEmpty("")
                .flatMap(user -> ServerResponse.ok()
                        .headers(AdminPages::protect)
                        .contentType(HTML)
                        .bodyValue(page.replace("{{csrfToken}}", HtmlUtils.htmlEscape(token))
                                .replace("{{user}}", HtmlUtils.htmlEscape(user))));
    }

    Mono<ServerResponse> script(ServerRequest request) {
        return asset(SCRIPT, script);
    }

    Mono<ServerResponse> styleSheet(ServerRequest request) {
        return asset(STYLE, styleSheet);
    }

    /** Revalidated on every load, so a gateway upgrade never leaves an old script talking to a new API. */
    private static Mono<ServerResponse> asset(MediaType type, String body) {
        return ServerResponse.ok().cacheControl(CacheControl.noCache())
                .header("X-Content-Type-Options", "nosniff")
                .contentType(type).bodyValue(body);
    }
}
