package io.ficus.platform.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;

/**
 * A token's authorities: {@code SCOPE_<scope>} for each scope (Spring's own reading of {@code scope}/{@code scp},
 * a space-separated string or a list) and {@code ROLE_<role>} for each role found at the configured claim path
 * ({@code roles}, or {@code realm_access.roles} for Keycloak).
 */
final class JwtAuthorities implements Converter<Jwt, Collection<GrantedAuthority>> {

    private final JwtGrantedAuthoritiesConverter scopes = new JwtGrantedAuthoritiesConverter();
    private final String[] rolesPath;

    JwtAuthorities(String rolesClaim) {
        this.rolesPath = rolesClaim.split("\\.");
    }

    @Override
    public Collection<GrantedAuthority> convert(Jwt jwt) {
        List<GrantedAuthority> authorities = new ArrayList<>(scopes.convert(jwt));
        for (String role : roles(jwt.getClaims())) {
            authorities.add(new SimpleGrantedAuthority("ROLE_" + role));
        }
        return authorities;
    }

    private List<String> roles(Map<String, Object> claims) {
        Object node = claims;
        for (String step : rolesPath) {
            if (!(node instanceof Map<?, ?> map)) {
                return List.of();
            }
            node = map.get(step);
        }
        if (node instanceof Collection<?> values) {
            return values.stream().filter(String.class::isInstance).map(String.class::cast)
                    .filter(role -> !role.isBlank()).toList();
        }
        return node instanceof String single && !single.isBlank() ? List.of(single.split(" ")) : List.of();
    }
}
