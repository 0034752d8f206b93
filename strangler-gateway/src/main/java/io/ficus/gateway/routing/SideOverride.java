package io.ficus.gateway.routing;

import java.util.Locale;

import io.ficus.gateway.GatewaySettings;

import org.springframework.http.HttpCookie;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.lang.Nullable;

/** Reads a tester's forced side from the override header or cookie, when overrides are enabled. */
class SideOverride {

    private final boolean enabled;
    private final String header;
    private final String cookie;

    SideOverride(GatewaySettings settings) {
        this.enabled = settings.canary().override().enabled();
        this.header = settings.canary().override().header();
        this.cookie = settings.canary().override().cookie();
    }

    @Nullable
    Side forced(ServerHttpRequest request) {
        if (!enabled) {
            return null;
        }
        String value = request.getHeaders().getFirst(header);
        if (value == null) {
            HttpCookie fromCookie = request.getCookies().getFirst(cookie);
            value = fromCookie == null ? null : fromCookie.getValue();
        }
        if (value == null) {
            return null;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "service" -> Side.SERVICE;
            case "legacy" -> Side.LEGACY;
            default -> null;
        };
    }
}
