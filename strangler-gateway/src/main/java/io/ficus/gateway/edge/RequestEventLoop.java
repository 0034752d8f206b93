package io.ficus.gateway.edge;

import java.util.concurrent.Executor;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.lang.Nullable;
import org.springframework.web.server.ServerWebExchange;

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

    /**
     * The response of {@code exchange}, written from the request's event loop whatever thread produced the answer;
     * the response itself when the request has no Netty connection.
     */
    public static ServerHttpResponse answeredOnLoop(ServerWebExchange exchange) {
        Executor loop = of(exchange.getRequest());
        return loop == null ? exchange.getResponse() : new WrittenOn(exchange.getResponse(), Schedulers.fromExecutor(loop));
    }

    @Nullable
    private static Executor of(ServerHttpRequest request) {
        Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(request);
        return nativeRequest instanceof Connection connection ? connection.channel().eventLoop() : null;
    }

    /** Starts each write of the answer on one scheduler (the connection's event loop). */
    private static final class WrittenOn extends ServerHttpResponseDecorator {

        private final Scheduler loop;

        WrittenOn(ServerHttpResponse delegate, Scheduler loop) {
            super(delegate);
            this.loop = loop;
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            return Mono.defer(() -> super.writeWith(body)).subscribeOn(loop);
        }

        @Override
        public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
            return Mono.defer(() -> super.writeAndFlushWith(body)).subscribeOn(loop);
        }

        @Override
        public Mono<Void> setComplete() {
            return Mono.defer(super::setComplete).subscribeOn(loop);
        }
    }
}
