package io.ficus.gateway.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Checks an admin user name and password with the same work whoever is named: an unknown user is checked against
 * a dummy hash, so the answer time does not tell which user names exist. User names match exactly (case too).
 */
class AdminCredentials {

    private final byte[] username;
    private final String passwordHash;
    private final String dummyHash;
    private final PasswordEncoder encoder;

    AdminCredentials(String username, String password, PasswordEncoder encoder) {
        this.username = username.getBytes(StandardCharsets.UTF_8);
        this.encoder = encoder;
        this.passwordHash = encoder.encode(password);
        // same algorithm and cost as the real hash, so checking it costs the same
        this.dummyHash = encoder.encode(password + "\u0000not-a-user");
    }

    /** Blocking (a deliberately slow hash): call off the event loop. */
    boolean matches(String user, String password) {
        boolean knownUser = MessageDigest.isEqual(username, user.getBytes(StandardCharsets.UTF_8));
        boolean passwordMatches = encoder.matches(password, knownUser ? passwordHash : dummyHash);
        return knownUser && passwordMatches;
    }

    String username() {
        return new String(username, StandardCharsets.UTF_8);
    }
}
