package io.ficus.gateway.routing;

import java.util.List;
import java.util.stream.Collectors;

import io.ficus.gateway.GatewaySettings;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * Removes the gateway's own control header and cookie (the side override) from requests before they reach a
 * backend, whether or not overrides are enabled: they are instructions to the gateway, not to the backend.
 */
class ControlHeadersFilter implements HttpHeadersFilter {

    private final String header;
    private final String cookiePrefix;

    ControlHeadersFilter(GatewaySettings settings) {
        this.header = settings.canary().override().header();
        this.cookiePrefix = settings.canary().override().cookie() + "=";
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        List<String> cookies = input.get(HttpHeaders.COOKIE);
        boolean hasCookie = cookies != null && cookies.stream().anyMatch(value -> value.contains(cookiePrefix));
        if (!input.containsHeader(header) && !hasCookie) {
            return input;
        }
        HttpHeaders filtered = new HttpHeaders();
        filtered.putAll(input);
        filtered.remove(header);
        if (hasCookie) {
            String kept = cookies.stream()
                    .flatMap(value -> java.util.Arrays.stream(value.split(";")))
                    .map(String::trim)
                    .filter(pair -> !pair.isEmpty() && !pair.startsWith(cookiePrefix))
                    .collect(Collectors.joining("; "));
            filtered.remove(HttpHeaders.COOKIE);
            if (!kept.isEmpty()) {
                filtered.set(HttpHeaders.COOKIE, kept);
            }
        }
        return filtered;
    }

    @Override
    public boolean supports(Type type) {
        return type == Type.REQUEST;
    }
}
