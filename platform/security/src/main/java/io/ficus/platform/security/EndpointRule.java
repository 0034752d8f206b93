package io.ficus.platform.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Who may call one method (or every method) on one path pattern: anyone, any authenticated caller, a caller with a
 * role, or a caller (user or machine client) with one of some scopes. An app lists its rules in an
 * {@link EndpointRules} bean; the first rule matching a request decides, and a request no rule matches is denied.
 *
 * @param method  the HTTP method, or {@code null} for every method
 * @param pattern a Spring {@link PathPattern} ({@code /api/orders/{id}}, {@code /actuator/**})
 * @param access  what the caller needs
 */
public record EndpointRule(@Nullable HttpMethod method, String pattern, Access access) {

    private static final Map<String, PathPattern> PATTERNS = new ConcurrentHashMap<>();

    public EndpointRule {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(access, "access");
        PathPatternParser.defaultInstance.parse(pattern); // refuse a malformed pattern when the rules are made
    }

    /** Anyone, with or without a token (an invalid token is still refused with 401). */
    public static EndpointRule open(@Nullable HttpMethod method, String pattern) {
        return new EndpointRule(method, pattern, Access.OPEN);
    }

    /** Any caller with a valid token. */
    public static EndpointRule authenticated(@Nullable HttpMethod method, String pattern) {
        return new EndpointRule(method, pattern, Access.AUTHENTICATED);
    }

    /** A caller whose token carries the role ({@code staff}, not {@code ROLE_staff}). */
    public static EndpointRule role(@Nullable HttpMethod method, String pattern, String role) {
        return new EndpointRule(method, pattern, Access.anyAuthority("ROLE_" + role));
    }

    /** A caller whose token carries one of the scopes ({@code catalog.read}, not {@code SCOPE_catalog.read}). */
    public static EndpointRule scope(@Nullable HttpMethod method, String pattern, String... scopes) {
        return new EndpointRule(method, pattern,
                Access.anyAuthority(Arrays.stream(scopes).map(scope -> "SCOPE_" + scope).toArray(String[]::new)));
    }

    /** Nobody: an endpoint that exists but is switched off here, declared so that it is not a forgotten one. */
    public static EndpointRule denied(@Nullable HttpMethod method, String pattern) {
        return new EndpointRule(method, pattern, Access.DENIED);
    }

    /** This rule, also open to callers holding any of these authorities ({@code ROLE_staff}, {@code SCOPE_x}). */
    public EndpointRule orAuthority(String... authorities) {
        String[] all = Stream.concat(Arrays.stream(access.authorities()), Arrays.stream(authorities))
                .toArray(String[]::new);
        return new EndpointRule(method, pattern, Access.anyAuthority(all));
    }

    /** Whether a request with this method and path (within the application) is this rule's. */
    public boolean matches(String requestMethod, String path) {
        return matches(requestMethod, PathContainer.parsePath(path));
    }

    /**
     * The matching the filter chain uses. HEAD is GET's, as in Spring MVC, which answers a HEAD with the GET handler.
     */
    public boolean matches(String requestMethod, PathContainer path) {
        String asked = requestMethod.toUpperCase(Locale.ROOT);
        boolean methodMatches = method == null || method.name().equals(asked)
                || (method == HttpMethod.GET && "HEAD".equals(asked));
        return methodMatches && PATTERNS.computeIfAbsent(pattern, PathPatternParser.defaultInstance::parse).matches(path);
    }

    @Override
    public String toString() {
        return (method == null ? "*" : method.name()) + " " + pattern + " -> " + access;
    }

    /**
     * What a rule asks of the caller.
     *
     * @param kind        open, authenticated, denied or any of the authorities
     * @param authorities for {@link Kind#ANY_AUTHORITY}, the authorities of which one suffices
     */
    public record Access(Kind kind, String... authorities) {

        static final Access OPEN = new Access(Kind.OPEN);
        static final Access AUTHENTICATED = new Access(Kind.AUTHENTICATED);
        static final Access DENIED = new Access(Kind.DENIED);

        static Access anyAuthority(String... authorities) {
            if (authorities.length == 0) {
                throw new IllegalArgumentException("at least one authority");
            }
            return new Access(Kind.ANY_AUTHORITY, authorities.clone());
        }

        @Override
        public String toString() {
            return kind == Kind.ANY_AUTHORITY ? "any of " + String.join(", ", authorities)
                    : kind.name().toLowerCase(Locale.ROOT);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Access that && kind == that.kind && Arrays.equals(authorities, that.authorities);
        }

        @Override
        public int hashCode() {
            return 31 * kind.hashCode() + Arrays.hashCode(authorities);
        }

        public enum Kind {
            OPEN, AUTHENTICATED, ANY_AUTHORITY, DENIED
        }
    }
}
