package io.ficus.gateway.shadow;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;

/** The caller's response, passing every body buffer through an {@link AnswerCapture} on its way out. */
final class ResponseTap extends ServerHttpResponseDecorator {

    private final AnswerCapture capture;

    ResponseTap(ServerHttpResponse delegate, AnswerCapture capture) {
        super(delegate);
        this.capture = capture;
    }

    @Override
    public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
        if (!capture.active()) {
            return super.writeWith(body);
        }
        capture.started(getStatusCode(), getHeaders());
        return super.writeWith(Flux.from(body).doOnNext(capture::append));
    }

    @Override
    public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
        capture.streaming();
        return super.writeAndFlushWith(body);
    }

    @Override
    public Mono<Void> setComplete() {
        if (capture.active() && !isCommitted()) {
            capture.started(getStatusCode(), getHeaders());
        }
        return super.setComplete();
    }
}
