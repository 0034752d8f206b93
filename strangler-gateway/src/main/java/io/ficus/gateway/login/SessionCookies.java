package io.ficus.gateway.login;

import java.time.Duration;
import java.util.List;

import io.ficus.gateway.GatewaySettings;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.lang.Nullable;
import org.springframework.web.server.ServerWebExchange;

/**
 * The gateway's two cookies: the session ({@code cookie-name}, path {@code /}) and the login in progress
 * ({@code <cookie-name>-login}, path {@code <base-path>/login}, holding the login's state so the answer is taken only
 * in the browser that started it). HttpOnly, SameSite=Lax, Secure when the request came over HTTPS. Read from the raw
 * {@code Cookie} header, so a request without cookies costs one header lookup; removed from requests before they are
 * proxied, so a backend never sees a gateway session id.
 */
final class SessionCookies {

    private final String session;
    private final LoginStateCookie login;

    SessionCookies(GatewaySettings.Login settings) {
        this.session = settings.cookieName();
        this.login = new LoginStateCookie(settings.cookieName() + "-login", settings.basePath() + "/login");
    }

    LoginStateCookie login() {
        return login;
    }

    /** The session cookie's value, or null; {@code cookieHeaders} are the request's raw Cookie headers. */
    @Nullable
    String sessionId(@Nullable List<String> cookieHeaders) {
        return value(cookieHeaders, session);
    }

    @Nullable
    String sessionId(ServerHttpRequest request) {
        return value(request.getHeaders().get(HttpHeaders.COOKIE), session);
    }

    /** A browser-session cookie (no Max-Age): closing the browser forgets it; the gateway ends it anyway. */
    void setSession(ServerWebExchange exchange, String id) {
        exchange.getResponse().addCookie(cookie(exchange, session, id, "/", Duration.ofSeconds(-1)));
    }

    void clearSession(ServerWebExchange exchange) {
        exchange.getResponse().addCookie(cookie(exchange, session, "", "/", Duration.ZERO));
    }

    /** The request's Cookie headers without the gateway's cookies (null when nothing is left). */
    @Nullable
    List<String> withoutGatewayCookies(List<String> cookieHeaders) {
        StringBuilder kept = new StringBuilder();
        for (String header : cookieHeaders) {
            for (String pair : header.split(";")) {
                String trimmed = pair.trim();
                if (trimmed.isEmpty() || isNamed(trimmed, session) || isNamed(trimmed, login.name())) {
                    continue;
                }
                if (!kept.isEmpty()) {
                    kept.append("; ");
                }
                kept.append(trimmed);
            }
        }
        return kept.isEmpty() ? null : List.of(kept.toString());
    }

    static ResponseCookie cookie(ServerWebExchange exchange, String name, String value, String path,
            Duration maxAge) {
        boolean https = "https".equals(exchange.getRequest().getURI().getScheme());
        return ResponseCookie.from(name, value).path(path).httpOnly(true).sameSite("Lax").secure(https).maxAge(maxAge)
                .build();
    }

    @Nullable
    static String value(@Nullable List<String> cookieHeaders, String name) {
        if (cookieHeaders == null) {
            return null;
        }
        for (String header : cookieHeaders) {
            if (!header.contains(name)) {
                continue;
            }
            for (String pair : header.split(";")) {
                String trimmed = pair.trim();
                if (isNamed(trimmed, name)) {
                    String value = trimmed.substring(name.length() + 1).trim();
                    return value.isEmpty() ? null : value;
                }
            }
        }
        return null;
    }

    private static boolean isNamed(String pair, String name) {
        return pair.length() > name.length() && pair.charAt(name.length()) == '=' && pair.startsWith(name);
    }
}
