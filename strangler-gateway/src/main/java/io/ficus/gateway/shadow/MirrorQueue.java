package io.ficus.gateway.shadow;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds one route's shadow exchanges: at most {@code maxConcurrency} run, at most {@code capacity} wait, the rest
 * are refused (the caller drops them). Lock-free: {@link #offer} runs on the caller's event loop.
 */
final class MirrorQueue {

    private final int maxConcurrency;
    private final int capacity;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger waiting = new AtomicInteger();
    private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();

    MirrorQueue(int maxConcurrency, int capacity) {
        this.maxConcurrency = maxConcurrency;
        this.capacity = capacity;
    }

    /**
     * Starts {@code exchange} now, or queues it; false when both are full. A started exchange must call
     * {@link #finished()} exactly once.
     */
    boolean offer(Runnable exchange) {
        if (takeSlot()) {
            exchange.run();
            return true;
        }
        int queued;
        do {
            queued = waiting.get();
            if (queued >= capacity) {
                return false;
            }
        }
        while (!waiting.compareAndSet(queued, queued + 1));
        queue.add(exchange);
        // a slot may have been freed between takeSlot() and add(): nobody else would start this one
        drain();
        return true;
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
