package io.ficus.gateway.routing;

import java.util.List;

import io.ficus.gateway.GatewaySettings;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.util.StringUtils;
import org.springframework.web.server.ServerWebExchange;

/**
 * Removes the gateway's own control header and cookies (the side override, the gateway's caller cookie) from
 * requests before they reach a backend, whether or not overrides are enabled: they are for the gateway only.
 */
class ControlHeadersFilter implements HttpHeadersFilter {

    private final String header;
    private final String[] cookiePrefixes;

    ControlHeadersFilter(GatewaySettings settings) {
        this.header = settings.canary().override().header();
        String gatewayCookie = settings.canary().gatewayCookie();
        this.cookiePrefixes = StringUtils.hasText(gatewayCookie)
                ? new String[] {settings.canary().override().cookie() + "=", gatewayCookie.trim() + "="}
                : new String[] {settings.canary().override().cookie() + "="};
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        List<String> cookies = input.get(HttpHeaders.COOKIE);
        boolean hasCookie = cookies != null && cookies.stream().anyMatch(this::containsControlCookie);
        if (!input.containsHeader(header) && !hasCookie) {
            return input;
        }
        HttpHeaders filtered = new HttpHeaders();
        filtered.putAll(input);
        filtered.remove(header);
        if (hasCookie) {
            StringBuilder kept = new StringBuilder();
            for (String value : cookies) {
                for (String pair : value.split(";")) {
                    String trimmed = pair.trim();
                    if (!trimmed.isEmpty() && !isControlCookie(trimmed)) {
                        kept.append(kept.isEmpty() ? "" : "; ").append(trimmed);
                    }
                }
            }
            filtered.remove(HttpHeaders.COOKIE);
            if (!kept.isEmpty()) {
                filtered.set(HttpHeaders.COOKIE, kept.toString());
            }
        }
        return filtered;
    }

    private boolean containsControlCookie(String value) {
        for (String prefix : cookiePrefixes) {
            if (value.contains(prefix)) {
                return true;
            }
        }
        return false;
    }

    private boolean isControlCookie(String pair) {
        for (String prefix : cookiePrefixes) {
            if (pair.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean supports(Type type) {
        return type == Type.REQUEST;
    }
}
