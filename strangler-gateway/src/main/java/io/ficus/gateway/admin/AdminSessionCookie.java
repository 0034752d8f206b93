package io.ficus.gateway.admin;

import java.time.Duration;

import org.springframework.http.HttpCookie;
import org.springframework.http.ResponseCookie;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The dashboard's session cookie: readable by no script (HttpOnly), sent on no cross-site request (SameSite=Strict),
 * only to the admin paths, and only over TLS when the admin port speaks TLS.
 */
final class AdminSessionCookie {

    static final String NAME = "ficus-admin-session";
    static final String PATH = "/admin";

    private AdminSessionCookie() {
    }

    /** The session id the request carries, or null. */
    static String read(ServerHttpRequest request) {
        HttpCookie cookie = request.getCookies().getFirst(NAME);
        return cookie == null || cookie.getValue().isEmpty() ? null : cookie.getValue();
    }

    static ResponseCookie issue(ServerHttpRequest request, String sessionId, Duration lifetime) {
        return cookie(request, sessionId, lifetime);
    }

    /** Tells the browser to forget the cookie (logout, or a session the server no longer knows). */
    static ResponseCookie expire(ServerHttpRequest request) {
        return cookie(request, "", Duration.ZERO);
    }

    private static ResponseCookie cookie(ServerHttpRequest request, String value, Duration maxAge) {
        return ResponseCookie.from(NAME, value)
                .httpOnly(true)
                .sameSite("Strict")
                .secure(request.getSslInfo() != null)
                .path(PATH)
                .maxAge(maxAge)
                .build();
    }
}
