package io.ficus.gateway.shadow;

import java.util.concurrent.atomic.AtomicBoolean;

import io.ficus.gateway.shadow.MirrorQueue.Admission;

/**
 * A shadow copy admitted by the tap (it holds a place in its route's queue and captures legacy's answer) that
 * the routing filter has yet to send. Exactly one of {@link #claim()} and the release in {@link #finish} wins, so
 * a request the routing filter never saw (refused by a filter before it) gives its place back.
 */
final class PendingCopy {

    static final String ATTRIBUTE = PendingCopy.class.getName();

    private final ShadowRoute route;
    private final Admission admission;
    private final AnswerCapture capture;
    private final AtomicBoolean settled = new AtomicBoolean();

    PendingCopy(ShadowRoute route, Admission admission, AnswerCapture capture) {
        this.route = route;
        this.admission = admission;
        this.capture = capture;
    }

    ShadowRoute route() {
        return route;
    }

    Admission admission() {
        return admission;
    }

    AnswerCapture capture() {
        return capture;
    }

    /** True once, for the routing filter that is about to send the copy. */
    boolean claim() {
        return settled.compareAndSet(false, true);
    }

    /** Gives the place back and counts the request as skipped: it will never be sent. */
    private void release() {
        if (settled.compareAndSet(false, true)) {
            capture.deactivate();
            route.queue().cancel(admission);
            route.stats().skipped.increment();
        }
    }

    /** The caller's exchange ended: hands legacy's answer over, or gives back a place that was never used. */
    void finish(boolean completed) {
        release();
        capture.finish(completed);
    }
}
