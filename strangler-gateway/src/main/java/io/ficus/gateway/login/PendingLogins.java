package io.ficus.gateway.login;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.ficus.gateway.GatewaySettings;

import org.springframework.lang.Nullable;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;

/**
 * Logins started but not yet answered by the issuer, by their {@code state}: the authorization request (its PKCE
 * verifier and nonce stay here, never in the browser) and where to go afterwards. Bounded in number and age, so
 * starting logins in a loop cannot fill the memory.
 */
final class PendingLogins {

    record Pending(OAuth2AuthorizationRequest request, String returnTo, Instant started) {
    }

    private final ConcurrentMap<String, Pending> pending = new ConcurrentHashMap<>();
    private final Duration timeout;
    private final int capacity;
    private final Clock clock;

    PendingLogins(GatewaySettings.Login settings, Clock clock) {
        this.timeout = settings.loginTimeout();
        this.capacity = Math.max(1, settings.maxPendingLogins());
        this.clock = clock;
    }

    void add(OAuth2AuthorizationRequest request, String returnTo) {
        Instant now = clock.instant();
        if (pending.size() >= capacity) {
            pending.values().removeIf(login -> expired(login, now));
            while (pending.size() >= capacity) {
                pending.entrySet().stream().min(Comparator.comparing(entry -> entry.getValue().started()))
                        .map(Map.Entry::getKey).ifPresent(pending::remove);
            }
        }
        pending.put(request.getState(), new Pending(request, returnTo, now));
    }

    /** The login started with this state, removed (a state is good for one answer), or null when unknown or late. */
    @Nullable
    Pending take(@Nullable String state) {
        if (state == null) {
            return null;
        }
        Pending login = pending.remove(state);
        return login == null || expired(login, clock.instant()) ? null : login;
    }

    private boolean expired(Pending login, Instant now) {
        return !now.isBefore(login.started().plus(timeout));
    }
}
