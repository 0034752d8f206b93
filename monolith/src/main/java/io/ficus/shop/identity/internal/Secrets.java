package io.ficus.shop.identity.internal;

import java.security.SecureRandom;

/** Random passwords and client secrets for the demo, like the gateway's generated admin password. */
final class Secrets {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    /** 24 letters and digits (about 143 random bits): nothing a shell, a form or a command line must escape. */
    static String generate() {
        StringBuilder secret = new StringBuilder(24);
        for (int i = 0; i < 24; i++) {
            secret.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return secret.toString();
    }
}
