package io.ficus.gateway.edge;

import java.util.concurrent.Executor;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.lang.Nullable;

/**
 * Brings work that had to leave the event loop (a blocking database call, a first token check) back to the event
 * loop of the request's connection before the answer is written. Answering from another thread can leave the next
 * request of a kept-alive connection unanswered (seen here with Reactor Netty 1.3.7, as reactor/reactor-netty#4361):
 * the admin API's stage changes hung 15 s now and then in CI before they came back.
 */
public final class RequestEventLoop {

    private RequestEventLoop() {
    }

    /** {@code work}, delivered on the request's event loop; unchanged when the request has no Netty connection. */
    public static <T> Mono<T> backOn(ServerHttpRequest request, Mono<T> work) {
        Executor loop = of(request);
        return loop == null ? work : work.publishOn(Schedulers.fromExecutor(loop));
    }

    @Nullable
    private static Executor of(ServerHttpRequest request) {
        Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(request);
        return nativeRequest instanceof Connection connection ? connection.channel().eventLoop() : null;
    }
}
