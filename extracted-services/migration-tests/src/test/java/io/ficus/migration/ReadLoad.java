package io.ficus.migration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * GETs of one URL from a few threads, each waiting {@code pause} between its requests, until stopped or for at
 * most {@code bound}; it records every answer that is not a 200 (status 0: no answer at all). Only ever calls the
 * URL it is given (127.0.0.1 in these tests).
 */
final class ReadLoad {

    private final String url;
    private final Duration bound;
    private final Duration pause;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicLong requests = new AtomicLong();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();

    ReadLoad(String url, Duration bound, Duration pause) {
        this.url = url;
        this.bound = bound;
        this.pause = pause;
    }

    ReadLoad start(int clients) {
        long deadline = System.nanoTime() + bound.toNanos();
        for (int i = 0; i < clients; i++) {
            Thread thread = new Thread(() -> read(deadline), "read-load-" + i);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
        return this;
    }

    private void read(long deadline) {
        while (!stopped.get() && System.nanoTime() < deadline) {
            Http.Answer answer = Http.get(url);
            requests.incrementAndGet();
            if (answer.status() != 200) {
                failures.add(System.currentTimeMillis() + " " + answer);
            }
            LockSupport.parkNanos(pause.toNanos());
        }
    }

    /** Stops the load and waits (bounded) for the requests in flight. */
    ReadLoad stop() {
        stopped.set(true);
        for (Thread thread : threads) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(40));
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return this;
    }

    long requests() {
        return requests.get();
    }

    List<String> failures() {
        return List.copyOf(failures);
    }
}
