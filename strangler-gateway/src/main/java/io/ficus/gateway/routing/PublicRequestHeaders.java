package io.ficus.gateway.routing;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * Tells every backend what the public request looked like, so that it builds URLs and redirects that stay on the
 * gateway: {@code X-Forwarded-Host}, {@code -Proto}, {@code -Port} and {@code -For} of the public request when the
 * peer is not a trusted proxy (a trusted proxy's own values are kept and appended to by Spring Cloud Gateway).
 * Client-address headers of an untrusted peer are removed like its {@code X-Forwarded-*}, and
 * {@code Proxy-Connection} (hop-by-hop in practice) always.
 */
class PublicRequestHeaders implements HttpHeadersFilter, Ordered {

    /** Headers some backends read the client address from; only a trusted proxy may set them. */
    static final List<String> CLIENT_ADDRESS_HEADERS = List.of("X-Real-IP", "X-Client-IP", "True-Client-IP",
            "X-Cluster-Client-IP", "CF-Connecting-IP", "Fastly-Client-IP");

    @Override
    public int getOrder() {
        // after Spring Cloud Gateway's forwarded-header and hop-by-hop filters, which decided on trust
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        HttpHeaders headers = writable(input);
        headers.remove("Proxy-Connection");
        // Spring Cloud Gateway keeps (and appends to) X-Forwarded-For only for a trusted proxy's request
        if (headers.containsHeader("X-Forwarded-For")) {
            return headers;
        }
        for (String name : CLIENT_ADDRESS_HEADERS) {
            headers.remove(name);
        }
        ServerHttpRequest request = exchange.getRequest();
        URI uri = request.getURI();
        String host = request.getHeaders().getFirst(HttpHeaders.HOST);
        String scheme = uri.getScheme() == null ? "http" : uri.getScheme();
        headers.set("X-Forwarded-Host", host != null ? host : uri.getRawAuthority());
        headers.set("X-Forwarded-Proto", scheme);
        headers.set("X-Forwarded-Port", Integer.toString(uri.getPort() > 0 ? uri.getPort()
                : "https".equals(scheme) ? 443 : 80));
        InetSocketAddress remote = request.getRemoteAddress();
        if (remote != null && remote.getAddress() != null) {
            headers.set("X-Forwarded-For", remote.getAddress().getHostAddress());
        }
        return headers;
    }

    /** Earlier filters usually hand over a fresh copy; the request's own headers are read-only. */
    private static HttpHeaders writable(HttpHeaders input) {
        try {
            input.remove("Proxy-Connection");
            return input;
        }
        catch (UnsupportedOperationException readOnly) {
            HttpHeaders copy = new HttpHeaders();
            copy.putAll(input);
            return copy;
        }
    }

    @Override
    public boolean supports(Type type) {
        return type == Type.REQUEST;
    }
}
