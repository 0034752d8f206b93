package io.ficus.gateway.shadow;

import java.util.List;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * The copy of a caller's request that shadow traffic sends: method, raw path and query, and the headers a backend
 * would get from the gateway (the same header filters: forwarded headers, hop-by-hop and control headers
 * removed), marked with {@value #SHADOW_HEADER}. Never a body: only bodiless GET and HEAD are copied.
 */
record MirrorRequest(HttpMethod method, String pathAndQuery, HttpHeaders headers, String publicHost) {

    /** Tells the receiving backend that nobody waits for this answer (so it can, say, skip analytics). */
    static final String SHADOW_HEADER = "X-Ficus-Shadow";

    static MirrorRequest of(ServerWebExchange exchange, List<HttpHeadersFilter> headersFilters) {
        ServerHttpRequest request = exchange.getRequest();
        HttpHeaders headers = HttpHeaders.copyOf(HttpHeadersFilter.filterRequest(headersFilters, exchange));
        headers.remove(HttpHeaders.HOST);
        headers.remove(HttpHeaders.CONTENT_LENGTH);
        headers.remove(HttpHeaders.TRANSFER_ENCODING);
        headers.set(SHADOW_HEADER, "true");
        String rawQuery = request.getURI().getRawQuery();
        String rawPath = request.getURI().getRawPath();
        return new MirrorRequest(request.getMethod(), rawQuery == null ? rawPath : rawPath + '?' + rawQuery, headers,
                request.getHeaders().getFirst(HttpHeaders.HOST));
    }

    /** Whether the caller's request has a body, which a copy could only get by consuming the caller's. */
    static boolean hasBody(ServerHttpRequest request) {
        HttpHeaders headers = request.getHeaders();
        return headers.getContentLength() > 0 || headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
    }
}
