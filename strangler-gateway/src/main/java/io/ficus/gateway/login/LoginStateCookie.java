package io.ficus.gateway.login;

import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.lang.Nullable;
import org.springframework.web.server.ServerWebExchange;

/**
 * The short-lived cookie that binds a started login to the browser that started it (it holds the login's
 * {@code state}), so the issuer's answer is taken only in that browser (login CSRF). SameSite=Lax, because the answer
 * arrives as a top-level navigation from the issuer, which may be another site; HttpOnly; Secure over HTTPS; sent only
 * to the login paths.
 */
public final class LoginStateCookie {

    private final String name;
    private final String path;

    public LoginStateCookie(String name, String path) {
        this.name = name;
        this.path = path;
    }

    String name() {
        return name;
    }

    @Nullable
    String state(ServerHttpRequest request) {
        return SessionCookies.value(request.getHeaders().get(HttpHeaders.COOKIE), name);
    }

    void set(ServerWebExchange exchange, String state, Duration maxAge) {
        exchange.getResponse().addCookie(SessionCookies.cookie(exchange, name, state, path, maxAge));
    }

    void clear(ServerWebExchange exchange) {
        exchange.getResponse().addCookie(SessionCookies.cookie(exchange, name, "", path, Duration.ZERO));
    }

}
