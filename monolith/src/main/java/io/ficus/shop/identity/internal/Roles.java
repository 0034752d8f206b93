package io.ficus.shop.identity.internal;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

import org.springframework.security.core.GrantedAuthority;

/** The two kinds of user, as stored ({@code customer}, {@code staff}), as authorities and as the token's roles. */
final class Roles {

    static final String CUSTOMER = "customer";
    static final String STAFF = "staff";

    private static final String PREFIX = "ROLE_";

    private Roles() {
    }

    static String authority(String role) {
        return PREFIX + role.toUpperCase(Locale.ROOT);
    }

    /** The {@code roles} claim of a user's tokens: the user's roles, lower case, without the authority prefix. */
    static List<String> claim(Collection<? extends GrantedAuthority> authorities) {
        return authorities.stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a != null && a.startsWith(PREFIX))
                .map(a -> a.substring(PREFIX.length()).toLowerCase(Locale.ROOT))
                .sorted()
                .toList();
    }
}
