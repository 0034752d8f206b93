package io.ficus.gateway.login;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.ficus.gateway.GatewaySettings;

import org.springframework.lang.Nullable;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;

/**
 * The gateway's browser sessions, in this replica's memory (ADR 0017: several replicas need sticky sessions). A session
 * exists only after a completed login, never for an anonymous request. Bounded: it ends after an idle timeout, after
 * its lifetime, or when the store is full and it is the oldest.
 */
final class BrowserSessions {

    private final SecureRandom random = new SecureRandom();
    private final ConcurrentMap<String, BrowserSession> sessions = new ConcurrentHashMap<>();
    private final Duration idleTimeout;
    private final Duration lifetime;
    private final int capacity;
    private final Clock clock;

    BrowserSessions(GatewaySettings.Login settings, Clock clock) {
        this.idleTimeout = settings.idleTimeout();
        this.lifetime = settings.lifetime();
        this.capacity = Math.max(1, settings.maxSessions());
        this.clock = clock;
    }

    BrowserSession start(OAuth2AuthenticationToken principal, String idToken, OAuth2AuthorizedClient tokens) {
        Instant now = clock.instant();
        if (sessions.size() >= capacity) {
            makeRoom(now);
        }
        BrowserSession session = new BrowserSession(newId(), principal, idToken, tokens, now);
        sessions.put(session.id(), session);
        return session;
    }

    /** The live session with this id (and it counts as a request), or null. */
    @Nullable
    BrowserSession find(@Nullable String id) {
        if (id == null) {
            return null;
        }
        BrowserSession session = sessions.get(id);
        if (session == null) {
            return null;
        }
        Instant now = clock.instant();
        if (expired(session, now)) {
            sessions.remove(id, session);
            return null;
        }
        session.seen(now);
        return session;
    }

    void end(BrowserSession session) {
        sessions.remove(session.id(), session);
    }

    int size() {
        return sessions.size();
    }

    private boolean expired(BrowserSession session, Instant now) {
        return !now.isBefore(session.lastSeen().plus(idleTimeout)) || !now.isBefore(session.created().plus(lifetime));
    }

    private void makeRoom(Instant now) {
        sessions.values().removeIf(session -> expired(session, now));
        while (sessions.size() >= capacity) {
            sessions.values().stream().min(Comparator.comparing(BrowserSession::created))
                    .ifPresent(oldest -> sessions.remove(oldest.id(), oldest));
        }
    }

    /** 256 random bits: the cookie is the only credential of a browser session. */
    private String newId() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
