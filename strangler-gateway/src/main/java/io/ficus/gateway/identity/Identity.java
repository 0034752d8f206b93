package io.ficus.gateway.identity;

import java.time.Instant;
import java.util.Collection;
import java.util.Set;

/**
 * Who a verified bearer token (or, later, a browser session) speaks for: its subject (a user's login, or a machine
 * client's id), roles, groups, scopes and when it expires.
 *
 * @param groups what a canary stage's caller groups are matched against (ficus.gateway.security.groups-claim; by
 *               default the same {@code roles} claim, so the shop's users are in group {@code customer} or
 *               {@code staff})
 */
public record Identity(String subject, Set<String> roles, Set<String> groups, Set<String> scopes, Instant expiresAt) {

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }

    /** True when this identity belongs to at least one of these groups. */
    public boolean inAnyGroup(Collection<String> wanted) {
        for (String group : wanted) {
            if (groups.contains(group)) {
                return true;
            }
        }
        return false;
    }
}
