package io.ficus.gateway.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Checks an admin user name and password in constant time: both are compared as SHA-256 digests with
 * {@link MessageDigest#isEqual}, whose time depends neither on where the inputs differ nor on whether the user
 * exists, and both comparisons always run. User names match exactly (case too).
 * <p>
 * No deliberately slow hash (bcrypt): that protects a stored hash from offline guessing, but this password is
 * configuration the process holds in clear anyway (FICUS_GATEWAY_ADMIN_PASSWORD, or generated at startup), and
 * nothing stores a hash of it. The slow hash only cost about 70 ms of CPU per call, which under proxy load made
 * admin answers take seconds (docs/gateway-performance.md). Online guessing is slowed by {@link LoginThrottle}.
 */
class AdminCredentials {

    private final String username;
    private final byte[] usernameDigest;
    private final byte[] passwordDigest;

    AdminCredentials(String username, String password) {
        this.username = username;
        this.usernameDigest = sha256(username);
        this.passwordDigest = sha256(password);
    }

    boolean matches(String user, String password) {
        boolean userMatches = MessageDigest.isEqual(usernameDigest, sha256(user));
        boolean passwordMatches = MessageDigest.isEqual(passwordDigest, sha256(password));
        return userMatches & passwordMatches; // not &&: the password is compared whoever is named
    }

    String username() {
        return username;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
