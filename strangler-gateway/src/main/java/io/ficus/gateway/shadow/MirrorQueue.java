package io.ficus.gateway.shadow;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds one route's shadow exchanges: at most {@code maxConcurrency} run, at most {@code capacity} wait, the rest
 * are refused. Admission comes first and costs two atomic reads when full, so that a refused request (the common
 * case under load with a slow service) builds nothing. Lock-free: admission runs on the caller's event loop.
 */
final class MirrorQueue {

    /** What {@link #admit()} granted. */
    enum Admission {
        /** A running slot: start at once. */
        RUN,
        /** A waiting place: starts when a running exchange finishes. */
        WAIT,
        /** Neither: drop it. */
        FULL
    }

    private final int maxConcurrency;
    private final int capacity;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger waiting = new AtomicInteger();
    private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();

    MirrorQueue(int maxConcurrency, int capacity) {
        this.maxConcurrency = maxConcurrency;
        this.capacity = capacity;
    }

    /** Takes a running slot, else a waiting place; every admission but FULL must be followed by {@link #start}. */
    Admission admit() {
        if (takeSlot()) {
            return Admission.RUN;
        }
        int queued;
        do {
            queued = waiting.get();
            if (queued >= capacity) {
                return Admission.FULL;
            }
        }
        while (!waiting.compareAndSet(queued, queued + 1));
        return Admission.WAIT;
    }

    /** Runs or queues an admitted exchange, which must call {@link #finished()} exactly once when it has run. */
    void start(Admission admission, Runnable exchange) {
        if (admission == Admission.RUN) {
            exchange.run();
            return;
        }
        queue.add(exchange);
        // a slot may have been freed since admission: nobody else would start this one
        drain();
    }

    /** Gives back a waiting place that was admitted but will not be started. */
    void cancel(Admission admission) {
        if (admission == Admission.RUN) {
            finished();
        }
        else if (admission == Admission.WAIT) {
            waiting.decrementAndGet();
        }
    }

    void finished() {
        running.decrementAndGet();
        drain();
    }

    int running() {
        return running.get();
    }

    int waiting() {
        return waiting.get();
    }

    private void drain() {
        while (!queue.isEmpty() && takeSlot()) {
            Runnable next = queue.poll();
            if (next == null) {
                running.decrementAndGet();
                continue;
            }
            waiting.decrementAndGet();
            next.run();
        }
    }

    private boolean takeSlot() {
        int now;
        do {
            now = running.get();
            if (now >= maxConcurrency) {
                return false;
            }
        }
        while (!running.compareAndSet(now, now + 1));
        return true;
    }
}
