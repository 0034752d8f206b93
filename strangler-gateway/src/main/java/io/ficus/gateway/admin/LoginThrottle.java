package io.ficus.gateway.admin;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

import io.ficus.gateway.GatewaySettings;

/**
 * Slows down password guessing per client: after a few free failures each further failure locks the client out
 * for twice as long as the one before (up to a ceiling); a successful login forgets the client.
 */
class LoginThrottle {

    /** Bounds memory under many distinct clients: past this, clients whose lock ran out long ago are swept. */
    private static final int SWEEP_ABOVE = 10_000;

    private final int freeFailures;
    private final long firstDelayNanos;
    private final long maxDelayNanos;
    private final LongSupplier nanoClock;
    private final ConcurrentMap<String, Failures> clients = new ConcurrentHashMap<>();

    private record Failures(int count, long lockedUntil) {
    }

    LoginThrottle(GatewaySettings.LoginThrottle settings, LongSupplier nanoClock) {
        this.freeFailures = Math.max(1, settings.freeFailures());
        this.firstDelayNanos = settings.firstDelay().toNanos();
        this.maxDelayNanos = settings.maxDelay().toNanos();
        this.nanoClock = nanoClock;
    }

    /** How long this client must still wait before it may try again; zero when it may try now. */
    Duration retryAfter(String client) {
        Failures failures = clients.get(client);
        if (failures == null) {
            return Duration.ZERO;
        }
        long remaining = failures.lockedUntil - nanoClock.getAsLong();
        return remaining > 0 ? Duration.ofNanos(remaining) : Duration.ZERO;
    }

    /** Records a failed login; answers the lock it earned (zero while failures are still free). */
    Duration failed(String client) {
        long now = nanoClock.getAsLong();
        if (clients.size() > SWEEP_ABOVE) {
            clients.values().removeIf(failures -> now - failures.lockedUntil > maxDelayNanos);
        }
        Failures failures = clients.merge(client, new Failures(1, now), (current, one) -> {
            int count = current.count + 1;
            return new Failures(count, now + delay(count));
        });
        return failures.lockedUntil > now ? Duration.ofNanos(failures.lockedUntil - now) : Duration.ZERO;
    }

    void succeeded(String client) {
        clients.remove(client);
    }

    private long delay(int failures) {
        int over = failures - freeFailures;
        if (over <= 0) {
            return 0;
        }
        int doublings = Math.min(over - 1, 30);
        long delay = firstDelayNanos << doublings;
        return delay <= 0 || delay > maxDelayNanos ? maxDelayNanos : delay;
    }
}
