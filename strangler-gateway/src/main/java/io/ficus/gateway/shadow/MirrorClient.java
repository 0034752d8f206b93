package io.ficus.gateway.shadow;

import java.net.URI;
import java.time.Duration;

import io.netty.channel.ChannelOption;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Sends shadow copies on their own HTTP client: its own event loop thread and connection pool, so a slow or
 * dead service ties up none of the connections or threads that callers' requests use.
 */
final class MirrorClient implements AutoCloseable {

    private final LoopResources loops;
    private final ConnectionProvider connections;
    private final WebClient client;

    MirrorClient(int maxConnections, Duration connectTimeout) {
        this.loops = LoopResources.create("ficus-shadow", 1, true);
        this.connections = ConnectionProvider.builder("ficus-shadow")
                .maxConnections(maxConnections)
                // the shadow queue bounds the waiters already; this only keeps a bug from growing without end
                .pendingAcquireMaxCount(maxConnections * 4)
                .maxIdleTime(Duration.ofSeconds(4))
                .build();
        HttpClient http = HttpClient.create(connections)
                .runOn(loops)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis());
        this.client = WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build();
    }

    /**
     * The backend's answer, its body cut off (and marked too large) beyond {@code bodyLimit} bytes; fails with a
     * {@link java.util.concurrent.TimeoutException} when the whole answer takes longer than {@code timeout}.
     */
    Mono<Answer> send(String baseUrl, boolean preserveHost, MirrorRequest request, int bodyLimit, Duration timeout) {
        return client.method(request.method())
                .uri(URI.create(baseUrl + request.pathAndQuery()))
                .headers(headers -> {
                    headers.addAll(request.headers());
                    if (preserveHost && request.publicHost() != null) {
                        headers.set(HttpHeaders.HOST, request.publicHost());
                    }
                })
                .exchangeToMono(response -> DataBufferUtils.join(response.bodyToFlux(DataBuffer.class), bodyLimit)
                        .map(MirrorClient::bytes)
                        .defaultIfEmpty(Answer.NO_BODY)
                        .map(body -> Answer.of(response.statusCode().value(), response.headers().asHttpHeaders(), body))
                        .onErrorResume(DataBufferLimitException.class, tooLarge -> Mono.just(
                                Answer.tooLarge(response.statusCode().value(), response.headers().asHttpHeaders()))))
                .timeout(timeout);
    }

    private static byte[] bytes(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        }
        finally {
            DataBufferUtils.release(buffer);
        }
    }

    @Override
    public void close() {
        connections.dispose();
        loops.dispose();
    }
}
