package io.ficus.gateway.admin;

import java.net.URI;
import java.security.Principal;
import java.util.List;

import io.ficus.gateway.edge.ProblemWriter;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;

/**
 * Admits admin requests that carry no HTTP basic credentials but a dashboard session cookie. A cookie is sent by the
 * browser on its own, so every state-changing request must also repeat the session's CSRF token in a header, which
 * only the dashboard page (same origin) can read. A browser opening an admin page without any login is sent to the
 * login form instead of the basic-auth dialog.
 */
class AdminSessionGate {

    private final AdminSessions sessions;
    private final ProblemWriter problems;

    AdminSessionGate(AdminSessions sessions, ProblemWriter problems) {
        this.sessions = sessions;
        this.problems = problems;
    }

    /** For a request without an Authorization header: true when a session cookie or a browser page view decides it. */
    boolean decides(ServerHttpRequest request) {
        return AdminSessionCookie.read(request) != null || opensPage(request);
    }

    Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        AdminSession session = sessions.find(AdminSessionCookie.read(request));
        if (session == null) {
            if (AdminSessionCookie.read(request) != null) {
                exchange.getResponse().addCookie(AdminSessionCookie.expire(request));
            }
            return opensPage(request) ? toLoginForm(exchange.getResponse()) : ended(exchange);
        }
        if (!isSafe(request.getMethod())
                && !AdminSessions.sameToken(session.csrfToken(), request.getHeaders().getFirst(AdminSession.CSRF_HEADER))) {
            return problems.write(exchange, HttpStatus.FORBIDDEN, "a change made with the dashboard's login must carry "
                    + "the session's CSRF token in the " + AdminSession.CSRF_HEADER + " header");
        }
        exchange.getAttributes().put(AdminSession.ATTRIBUTE, session);
        Principal principal = session::user;
        return chain.filter(exchange.mutate().principal(Mono.just(principal)).build());
    }

    private Mono<Void> ended(ServerWebExchange exchange) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
                "the dashboard session has ended (logged out, expired or the gateway restarted): log in again at "
                        + AdminPages.LOGIN);
        // not the basic challenge: the dashboard's own requests must not pop up the browser's password dialog
        return problems.write(exchange, problem,
                headers -> headers.set(HttpHeaders.WWW_AUTHENTICATE, AdminLoginHandler.FORM_CHALLENGE));
    }

    private static Mono<Void> toLoginForm(ServerHttpResponse response) {
        response.setStatusCode(HttpStatus.SEE_OTHER);
        response.getHeaders().setLocation(URI.create(AdminPages.LOGIN));
        return response.setComplete();
    }

    /** A browser navigating to a page: a GET that asks for HTML by name (scripts ask for JSON or anything). */
    private static boolean opensPage(ServerHttpRequest request) {
        if (request.getMethod() != HttpMethod.GET) {
            return false;
        }
        List<MediaType> accepted = request.getHeaders().getAccept();
        return accepted.stream().anyMatch(type -> !type.isWildcardType() && type.isCompatibleWith(MediaType.TEXT_HTML));
    }

    private static boolean isSafe(HttpMethod method) {
        return method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS;
    }
}
