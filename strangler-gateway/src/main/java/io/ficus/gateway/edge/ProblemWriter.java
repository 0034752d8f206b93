package io.ficus.gateway.edge;

import java.net.URI;
import java.util.Map;
import java.util.function.Consumer;

import reactor.core.publisher.Mono;

import org.springframework.core.ResolvableType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.lang.Nullable;
import org.springframework.web.server.ServerWebExchange;

/**
 * Writes the gateway's own error answers as RFC 9457 {@code application/problem+json}, serialized by the
 * framework's Jackson codec (the same one that writes the admin API's problems).
 */
public class ProblemWriter {

    private static final ResolvableType PROBLEM = ResolvableType.forClass(ProblemDetail.class);

    private final HttpMessageWriter<Object> writer;

    @SuppressWarnings("unchecked")
    public ProblemWriter(ServerCodecConfigurer codecs) {
        this.writer = (HttpMessageWriter<Object>) codecs.getWriters().stream()
                .filter(candidate -> candidate.canWrite(PROBLEM, MediaType.APPLICATION_PROBLEM_JSON))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no codec writes application/problem+json"));
    }

    public Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String detail) {
        return write(exchange, ProblemDetail.forStatusAndDetail(status, detail), null);
    }

    /** A problem with a {@code Retry-After} of whole seconds. */
    public Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String detail, long retryAfterSeconds) {
        String retryAfter = Long.toString(retryAfterSeconds);
        return write(exchange, ProblemDetail.forStatusAndDetail(status, detail),
                headers -> headers.set(HttpHeaders.RETRY_AFTER, retryAfter));
    }

    /**
     * Writes the problem unless the response is already under way (then the connection is the only signal). The
     * headers a backend may have set on a discarded answer are cleared first. A request that came with a body has
     * its connection closed after the answer.
     */
    public Mono<Void> write(ServerWebExchange exchange, ProblemDetail problem, @Nullable Consumer<HttpHeaders> extra) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(HttpStatus.valueOf(problem.getStatus()));
        HttpHeaders headers = response.getHeaders();
        headers.clear();
        if (extra != null) {
            extra.accept(headers);
        }
        if (mayHaveUnreadBody(exchange.getRequest().getHeaders())) {
            // A refusal is written before the request body is read. Reactor Netty 1.3 then can leave the next
            // request on that connection unanswered (seen as a client timeout), so this connection ends here.
            headers.setConnection("close");
        }
        if (problem.getInstance() == null) {
            problem.setInstance(instance(exchange));
        }
        return writer.write(Mono.just(problem), PROBLEM, MediaType.APPLICATION_PROBLEM_JSON, response, Map.of());
    }

    private static boolean mayHaveUnreadBody(HttpHeaders request) {
        return request.getContentLength() > 0 || request.containsHeader(HttpHeaders.TRANSFER_ENCODING);
    }

    /** The request path as the problem's instance; none for a request target that is not a path (e.g. {@code *}). */
    @Nullable
    private static URI instance(ServerWebExchange exchange) {
        String path = exchange.getRequest().getURI().getRawPath();
        if (path == null || !path.startsWith("/")) {
            return null;
        }
        try {
            return new URI(null, null, path, null);
        }
        catch (java.net.URISyntaxException e) {
            return null;
        }
    }
}
