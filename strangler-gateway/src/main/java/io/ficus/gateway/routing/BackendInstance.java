package io.ficus.gateway.routing;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.lang.Nullable;

/**
 * One instance of a backend: its base URL and, when the backend has several, whether requests may go to it now.
 * An instance is out while its last health check failed ({@link #markDown}), or for a while after a request to it
 * failed at the connection level ({@link #eject}): 1 s, then twice as long after each further failure without a
 * good answer in between, up to a bound. A health check that passes again does not end a passive ejection early;
 * a good answer through the proxy resets the growth.
 */
public final class BackendInstance {

    private static final Logger log = LoggerFactory.getLogger(BackendInstance.class);

    private final String backend;
    private final String baseUrl;
    private final String authority;
    @Nullable
    private final Counter requests;
    @Nullable
    private final Counter ejectionsCounter;
    /** Its meters, removed with it when DNS no longer names it. */
    private final List<Meter> meters = new ArrayList<>();

    private volatile boolean down;
    private volatile boolean ejected;
    private volatile long ejectedUntil;
    /** Passive ejections since the last good answer: each doubles the next ejection's length. */
    private volatile int ejections;

    BackendInstance(String backend, URI url, @Nullable Counter requests, @Nullable Counter ejections) {
        this.backend = backend;
        this.baseUrl = url.toString();
        this.authority = url.getRawAuthority();
        this.requests = requests;
        this.ejectionsCounter = ejections;
    }

    /** Adds a meter to remove with the instance. */
    void owns(Meter meter) {
        meters.add(meter);
    }

    List<Meter> meters() {
        return meters;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** host:port, as the metrics and the log name the instance. */
    public String authority() {
        return authority;
    }

    /** Whether requests may go here at {@code now} ({@link System#nanoTime()}). */
    boolean available(long now) {
        return !down && (!ejected || now - ejectedUntil >= 0);
    }

    /** Whether the last health check failed. */
    boolean down() {
        return down;
    }

    /** Nanos until the instance may get requests again (0 = now), for choosing when every instance is out. */
    long outFor(long now) {
        if (down) {
            return Long.MAX_VALUE;
        }
        return ejected ? Math.max(0, ejectedUntil - now) : 0;
    }

    /** A request goes to this instance (counted only for backends with several). */
    void sent() {
        if (requests != null) {
            requests.increment();
        }
    }

    /** The instance answered (any status): it is reachable, so its next ejection starts short again. */
    void answered() {
        if (ejections != 0) {
            ejections = 0;
        }
    }

    /** A connection-level failure: out for the current ejection length, which then doubles (up to {@code max}). */
    synchronized void eject(BackendFault fault, Duration first, Duration max, long now) {
        if (ejected && now - ejectedUntil < 0) {
            // already out: the other requests in flight at the failure fail alike and must not lengthen it
            return;
        }
        int count = ejections;
        long nanos = Math.min(max.toNanos(), first.toNanos() << Math.min(count, 20));
        ejectedUntil = now + nanos;
        ejected = true;
        ejections = count + 1;
        if (ejectionsCounter != null) {
            ejectionsCounter.increment();
        }
        log.warn("Instance {} of {} taken out for {} ms: {}", authority, backend, nanos / 1_000_000,
                fault.describe(authority));
    }

    /** The instance's health check failed: out until one passes. */
    void markDown(String reason) {
        if (!down) {
            down = true;
            log.warn("Instance {} of {} is down: {}", authority, backend, reason);
        }
    }

    /** The instance's health check passed. */
    void markUp() {
        if (down) {
            down = false;
            log.info("Instance {} of {} is up again", authority, backend);
        }
    }

    @Override
    public String toString() {
        return backend + "@" + authority;
    }
}
