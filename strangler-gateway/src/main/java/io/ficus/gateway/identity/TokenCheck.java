package io.ficus.gateway.identity;

import org.springframework.lang.Nullable;

/** The outcome of checking a bearer token: the identity it proves, or why it proves nothing. */
public record TokenCheck(@Nullable Identity identity, @Nullable String failure) {

    static TokenCheck verified(Identity identity) {
        return new TokenCheck(identity, null);
    }

    static TokenCheck rejected(String failure) {
        return new TokenCheck(null, failure);
    }

    public boolean verified() {
        return identity != null;
    }
}
