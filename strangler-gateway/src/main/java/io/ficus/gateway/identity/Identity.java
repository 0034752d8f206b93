package io.ficus.gateway.identity;

import java.time.Instant;
import java.util.Set;

/**
 * Who a verified bearer token speaks for: its subject (a user's login, or a machine client's id), roles, scopes and
 * when it expires.
 */
public record Identity(String subject, Set<String> roles, Set<String> scopes, Instant expiresAt) {

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }
}
