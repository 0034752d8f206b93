package io.ficus.gateway.admin;

import java.util.Optional;

import org.springframework.lang.Nullable;
import org.springframework.web.server.ServerWebExchange;

/**
 * The dashboard login a request was authenticated by: who logged in (the admin user name, or a staff member's subject
 * at the issuer), the CSRF token that every state-changing request of this session must repeat in the
 * {@value #CSRF_HEADER} header, and for a staff login the issuer's ID token, handed back to the issuer at logout.
 * Absent for requests authenticated by HTTP basic or a bearer token (scripts), which a browser cannot be tricked into
 * sending with a stored cookie alone.
 */
public record AdminSession(String user, String csrfToken, @Nullable String idToken) {

    public static final String CSRF_HEADER = "X-CSRF-Token";

    static final String ATTRIBUTE = AdminSession.class.getName();

    /** The session that authenticated this exchange, if a session cookie did. */
    public static Optional<AdminSession> of(ServerWebExchange exchange) {
        return Optional.ofNullable(exchange.getAttribute(ATTRIBUTE));
    }

    @Override
    public String toString() {
        // never the tokens: this may end up in a log line
        return "AdminSession[user=" + user + "]";
    }
}
