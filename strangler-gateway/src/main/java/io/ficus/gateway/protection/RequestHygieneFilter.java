package io.ficus.gateway.protection;

import java.net.URI;
import java.util.Iterator;
import java.util.Locale;

import io.ficus.gateway.edge.ManagementPort;
import io.ficus.gateway.edge.ProblemWriter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpVersion;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The short list of requests the gateway itself refuses on the public port, before any backend sees them:
 * HTTP/1.1 without exactly one Host header (400), a {@code *} request target other than {@code OPTIONS *}
 * (400; {@code OPTIONS *} is answered here, it names the server, not a resource), and WebSocket upgrades (400:
 * not proxied). Everything else is the backend's to judge.
 */
class RequestHygieneFilter implements WebFilter, Ordered {

    static final URI WEBSOCKET_NOT_PROXIED = URI.create("urn:ficus:gateway:websocket-not-proxied");

    private final ManagementPort managementPort;
    private final ProblemWriter problems;

    RequestHygieneFilter(ManagementPort managementPort, ProblemWriter problems) {
        this.managementPort = managementPort;
        this.problems = problems;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        HttpServerRequest nativeRequest = ServerHttpRequestDecorator.getNativeRequest(request);
        if (nativeRequest.version() == HttpVersion.HTTP_1_1) {
            int hosts = hostHeaders(nativeRequest);
            if (hosts != 1) {
                return problems.write(exchange, HttpStatus.BAD_REQUEST, hosts == 0
                        ? "an HTTP/1.1 request needs a Host header" : "a request may carry only one Host header");
            }
        }
        if ("*".equals(nativeRequest.uri())) {
            if (request.getMethod() == HttpMethod.OPTIONS) {
                exchange.getResponse().setStatusCode(HttpStatus.OK);
                exchange.getResponse().getHeaders().set(HttpHeaders.ALLOW, "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
                exchange.getResponse().getHeaders().setContentLength(0);
                return exchange.getResponse().setComplete();
            }
            return problems.write(exchange, HttpStatus.BAD_REQUEST, "the request target * is only valid for OPTIONS");
        }
        String upgrade = request.getHeaders().getFirst(HttpHeaders.UPGRADE);
        if (upgrade != null && upgrade.toLowerCase(Locale.ROOT).contains("websocket")
                && !managementPort.isManagement(request)) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "WebSocket upgrades are not proxied by this gateway");
            problem.setType(WEBSOCKET_NOT_PROXIED);
            problem.setTitle("WebSocket not proxied");
            return problems.write(exchange, problem, null);
        }
        return chain.filter(exchange);
    }

    private static int hostHeaders(HttpServerRequest request) {
        int count = 0;
        Iterator<String> values = request.requestHeaders().valueStringIterator(HttpHeaderNames.HOST);
        while (values.hasNext() && count < 2) {
            values.next();
            count++;
        }
        return count;
    }
}
