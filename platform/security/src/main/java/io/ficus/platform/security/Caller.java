package io.ficus.platform.security;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who sent a request, as its checked token says: the login whose data it may read and its roles. The login is the
 * {@code email} claim (Keycloak's subject is an opaque id), else the subject (the shop's is the login), in lower case
 * like every customer address the apps store.
 *
 * @param login the caller's login, lower case; empty for a token naming neither
 * @param roles the roles of the token ({@code customer}, {@code staff}), without the {@code ROLE_} prefix
 */
public record Caller(String login, Set<String> roles) {

    private static final String ROLE_PREFIX = "ROLE_";

    public Caller {
        roles = Set.copyOf(roles);
    }

    public static Caller of(JwtAuthenticationToken token) {
        String email = token.getToken().getClaimAsString("email");
        String login = email != null ? email : token.getToken().getSubject();
        Set<String> roles = token.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(authority -> authority != null && authority.startsWith(ROLE_PREFIX))
                .map(authority -> authority.substring(ROLE_PREFIX.length())).collect(Collectors.toSet());
        return new Caller(login == null ? "" : login.strip().toLowerCase(Locale.ROOT), roles);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** Whether this caller is the customer {@code login} (compared as the apps store addresses: trimmed, lower case). */
    public boolean is(String login) {
        return !this.login.isEmpty() && this.login.equals(login.strip().toLowerCase(Locale.ROOT));
    }
}
