package io.ficus.gateway.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

import io.ficus.gateway.GatewaySettings;

import org.springframework.lang.Nullable;

/**
 * Server-side login sessions of the dashboard: a random id (the cookie's value) maps to the user and a CSRF token.
 * Nothing about a session can be forged or extended from the client; ending one on the server (logout, lifetime,
 * idle timeout, restart) ends it for good.
 */
class AdminSessions {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final long lifetimeNanos;
    private final long idleNanos;
    private final int maxSessions;
    private final LongSupplier nanoClock;
    private final ConcurrentMap<String, Entry> sessions = new ConcurrentHashMap<>();

    /** A live session: {@code lastSeen} moves on with every request, {@code startedAt} never. */
    private record Entry(AdminSession session, long startedAt, long lastSeen) {
    }

    AdminSessions(GatewaySettings.Session settings, LongSupplier nanoClock) {
        this.lifetimeNanos = settings.lifetime().toNanos();
        this.idleNanos = settings.idleTimeout().toNanos();
        this.maxSessions = Math.max(1, settings.maxSessions());
        this.nanoClock = nanoClock;
    }

    /** Starts a session for a user who just proved their password; answers its id (the cookie value). */
    String start(String user) {
        return start(user, null);
    }

    /**
     * Starts a session for a user who just logged in, with their password or, carrying the ID token, at the issuer;
     * answers its id (the cookie value).
     */
    String start(String user, @Nullable String idToken) {
        long now = nanoClock.getAsLong();
        sessions.values().removeIf(entry -> expired(entry, now));
        while (sessions.size() >= maxSessions) {
            sessions.entrySet().stream().min(Comparator.comparingLong(entry -> entry.getValue().startedAt()))
                    .map(Map.Entry::getKey).ifPresent(sessions::remove);
        }
        String id = randomToken();
        sessions.put(id, new Entry(new AdminSession(user, randomToken(), idToken), now, now));
        return id;
    }

    /** The live session with this id (and marks it used), or null when there is none or it has ended. */
    AdminSession find(String id) {
        if (id == null || id.isEmpty()) {
            return null;
        }
        long now = nanoClock.getAsLong();
        Entry entry = sessions.computeIfPresent(id,
                (key, current) -> expired(current, now) ? null : new Entry(current.session(), current.startedAt(), now));
        return entry == null ? null : entry.session();
    }

    void end(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    /** How long a new session's cookie may live in the browser: the session's lifetime. */
    Duration lifetime() {
        return Duration.ofNanos(lifetimeNanos);
    }

    /** Compares in constant time, so the answer time does not leak how much of a guessed token was right. */
    static boolean sameToken(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }

    private boolean expired(Entry entry, long now) {
        return now - entry.startedAt() >= lifetimeNanos || now - entry.lastSeen() >= idleNanos;
    }

    /** 256 random bits, URL-safe: unguessable as a session id and as a CSRF token. */
    private static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
