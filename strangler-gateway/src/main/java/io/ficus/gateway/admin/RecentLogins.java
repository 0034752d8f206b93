package io.ficus.gateway.admin;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Remembers, for a short while, Authorization headers whose password check succeeded, so that an operator's
 * series of admin calls pays the deliberately slow hash (about 70 ms of CPU) once instead of on every call; under
 * proxy load that hash alone pushed admin answers past a second. Only a keyed HMAC of the header is kept (the key
 * is random per process), never the header or the password; failed checks are never remembered, so the login
 * throttle sees every wrong guess.
 */
class RecentLogins {

    /** Bounds memory: past this many remembered headers, the expired ones are swept, and if none was, all. */
    private static final int SWEEP_ABOVE = 1_000;

    private final long ttlNanos;
    private final LongSupplier nanoClock;
    private final SecretKeySpec key;
    private final ConcurrentMap<String, Long> expiries = new ConcurrentHashMap<>();

    RecentLogins(Duration ttl, LongSupplier nanoClock) {
        this.ttlNanos = ttl.toNanos();
        this.nanoClock = nanoClock;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** True when this exact Authorization header passed the password check less than the time to live ago. */
    boolean verifiedRecently(String authorization) {
        Long expiry = expiries.get(digest(authorization));
        return expiry != null && expiry - nanoClock.getAsLong() > 0;
    }

    /** Called after this header's password check succeeded. */
    void verified(String authorization) {
        long now = nanoClock.getAsLong();
        if (expiries.size() > SWEEP_ABOVE) {
            expiries.values().removeIf(expiry -> expiry - now <= 0);
            if (expiries.size() > SWEEP_ABOVE) {
                expiries.clear();
            }
        }
        expiries.put(digest(authorization), now + ttlNanos);
    }

    private String digest(String authorization) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Base64.getEncoder().encodeToString(mac.doFinal(authorization.getBytes(StandardCharsets.UTF_8)));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
