package io.ficus.gateway.shadow;

import java.util.Optional;
import java.util.concurrent.TimeoutException;

import io.ficus.gateway.routing.BackendTarget;
import io.ficus.gateway.shadow.AnswerCapture.Abandoned;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * One shadowed request once it holds a slot of its route's queue: the copy to the service (and, when calibration
 * is due, a second copy to legacy) in flight, legacy's captured answer awaited, then the judgement on the
 * comparison scheduler. Whatever happens ends in exactly one count and frees the slot.
 */
final class ShadowExchange implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ShadowExchange.class);

    private final ShadowRoute route;
    private final MirrorRequest request;
    private final AnswerCapture capture;
    private final BackendTarget service;
    private final BackendTarget legacy;
    private final MirrorClient client;
    private final Scheduler judging;

    ShadowExchange(ShadowRoute route, MirrorRequest request, AnswerCapture capture, BackendTarget service,
            BackendTarget legacy, MirrorClient client, Scheduler judging) {
        this.route = route;
        this.request = request;
        this.capture = capture;
        this.service = service;
        this.legacy = legacy;
        this.client = client;
        this.judging = judging;
    }

    /** Outcome of one copy: the answer, or why there is none. */
    private record Sent(Answer answer, boolean timedOut) {
    }

    @Override
    public void run() {
        ShadowStats stats = route.stats();
        stats.mirrored.increment();
        int limit = route.settings().compareBodyLimit();
        Mono<Sent> toService = sent(client.send(service.pick(null).baseUrl(), service.preserveHost(), request, limit,
                route.settings().timeout()));
        Mono<Optional<Sent>> toLegacyAgain = route.calibration().due()
                ? sent(client.send(legacy.pick(null).baseUrl(), legacy.preserveHost(), request, limit, route.settings().timeout()))
                        .map(Optional::of)
                : Mono.just(Optional.empty());
        Mono.zip(capture.answer(), toService, toLegacyAgain)
                .publishOn(judging)
                .doOnNext(answers -> judge(answers.getT1(), answers.getT2(), answers.getT3().orElse(null)))
                .doOnError(Abandoned.class, abandoned -> stats.abandoned.increment())
                .doFinally(signal -> route.queue().finished())
                .subscribe(answers -> {
                }, error -> {
                    if (!(error instanceof Abandoned)) {
                        stats.failed.increment();
                        log.warn("Shadow exchange of route {} failed", route.id(), error);
                    }
                });
    }

    private void judge(Answer legacyAnswer, Sent fromService, Sent fromLegacyAgain) {
        ShadowStats stats = route.stats();
        if (fromService.answer() == null) {
            (fromService.timedOut() ? stats.timedOut : stats.failed).increment();
            return;
        }
        Answer secondLegacy = fromLegacyAgain == null ? null : fromLegacyAgain.answer();
        route.judge(request.method(), request.pathAndQuery(), legacyAnswer, fromService.answer(), secondLegacy);
    }

    /** Never fails: a timeout or a connection error becomes an outcome without an answer. */
    private Mono<Sent> sent(Mono<Answer> answer) {
        return answer.map(received -> new Sent(received, false))
                .onErrorResume(error -> {
                    if (log.isDebugEnabled()) {
                        log.debug("Shadow copy for route {} got no answer: {}", route.id(), error.toString());
                    }
                    return Mono.just(new Sent(null, error instanceof TimeoutException));
                });
    }
}
