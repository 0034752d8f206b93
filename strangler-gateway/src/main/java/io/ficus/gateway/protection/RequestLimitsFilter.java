package io.ficus.gateway.protection;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

import io.ficus.gateway.GatewaySettings;
import io.ficus.gateway.edge.PayloadTooLargeException;
import io.ficus.gateway.edge.ProblemWriter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Refuses oversized requests before anything is proxied: headers over the limit get 431, a declared body over
 * the limit 413, and a chunked body is counted while it streams and cut off at the limit.
 */
class RequestLimitsFilter implements WebFilter, Ordered {

    private final long maxHeaderBytes;
    private final long maxBodyBytes;
    private final ProblemWriter problems;

    RequestLimitsFilter(GatewaySettings settings, ProblemWriter problems) {
        this.problems = problems;
        this.maxHeaderBytes = settings.limits().maxHeaderSize().toBytes();
        this.maxBodyBytes = settings.limits().maxBodySize().toBytes();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        HttpHeaders headers = request.getHeaders();
        if (headerBytes(request) > maxHeaderBytes) {
            return problems.write(exchange, HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                    "request headers exceed " + maxHeaderBytes + " bytes");
        }
        long declared = headers.getContentLength();
        if (declared > maxBodyBytes) {
            return problems.write(exchange, HttpStatus.CONTENT_TOO_LARGE,
                    "request body of " + declared + " bytes exceeds " + maxBodyBytes + " bytes");
        }
        if (declared < 0 && headers.containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
            return chain.filter(exchange.mutate().request(new CountingRequest(request, maxBodyBytes)).build());
        }
        return chain.filter(exchange);
    }

    /** Name, value and ": " plus CRLF of every header line, read from Netty's headers where possible (no copies). */
    private static long headerBytes(ServerHttpRequest request) {
        Object nativeRequest = nativeRequest(request);
        if (nativeRequest instanceof HttpServerRequest netty) {
            long total = 0;
            Iterator<Map.Entry<CharSequence, CharSequence>> lines = netty.requestHeaders().iteratorCharSequence();
            while (lines.hasNext()) {
                Map.Entry<CharSequence, CharSequence> line = lines.next();
                total += line.getKey().length() + 4 + line.getValue().length();
            }
            return total;
        }
        long total = 0;
        for (Map.Entry<String, List<String>> header : request.getHeaders().headerSet()) {
            int name = header.getKey().length() + 4;
            for (String value : header.getValue()) {
                total += name + value.length();
            }
        }
        return total;
    }

    private static Object nativeRequest(ServerHttpRequest request) {
        try {
            return ServerHttpRequestDecorator.getNativeRequest(request);
        }
        catch (IllegalArgumentException notNative) {
            return null;
        }
    }

    /** A request whose streamed body fails once it passes the limit. */
    private static final class CountingRequest extends ServerHttpRequestDecorator {

        private final long limit;

        CountingRequest(ServerHttpRequest delegate, long limit) {
            super(delegate);
            this.limit = limit;
        }

        @Override
        public Flux<DataBuffer> getBody() {
            long[] seen = {0};
            return super.getBody().handle((buffer, sink) -> {
                seen[0] += buffer.readableByteCount();
                if (seen[0] > limit) {
                    DataBufferUtils.release(buffer);
                    sink.error(new PayloadTooLargeException(limit));
                }
                else {
                    sink.next(buffer);
                }
            });
        }
    }
}
