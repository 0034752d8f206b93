package io.ficus.shop.identity.internal;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The RSA keys that sign tokens, kept in {@code identity.signing_key} so restarts and every instance share them: the
 * newest key signs, the newest two are published, and a new key is made once the newest is older than the rotation
 * period (so a token signed just before a rotation still validates until it expires).
 */
@Component
class SigningKeys implements SchedulingConfigurer, SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    /** Any constant: the advisory lock that lets one instance at a time decide on a rotation. */
    private static final long ROTATION_LOCK = 0x46494355534b4559L;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Duration rotationPeriod;
    private final Duration checkInterval;
    private final Clock clock;

    private volatile Published published;

    SigningKeys(JdbcClient jdbc, TransactionTemplate transactions, IdentitySettings settings) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.rotationPeriod = settings.keys().rotationPeriod();
        this.checkInterval = settings.keys().checkInterval();
        this.clock = Clock.systemUTC();
    }

    @Override
    public void afterSingletonsInstantiated() {
        // The first start makes the first key; later starts read the shared ones (and rotate if one is due).
        rotateIfDue();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::check, checkInterval, checkInterval));
    }

    /** The key that signs new tokens. */
    RSAKey current() {
        return published().keys().get(0);
    }

    /** The keys a token of ours may be signed with: the current one and, after a rotation, the previous one. */
    List<JWK> publishedKeys() {
        return List.copyOf(published().keys());
    }

    /** Makes a new signing key now, whatever the age of the newest (also what the schedule does when it is due). */
    void rotate() {
        transactions.executeWithoutResult(status -> {
            lock();
            insertNewKey();
        });
        reload();
    }

    void check() {
        try {
            rotateIfDue();
        }
        catch (RuntimeException e) {
            // The database may be briefly unavailable: the keys already read keep signing, the next check retries.
            log.warn("Could not check the signing keys: {}", e.getMessage());
        }
    }

    private void rotateIfDue() {
        transactions.executeWithoutResult(status -> {
            lock();
            Instant newest = jdbc.sql("select max(created_at) from identity.signing_key").query(Instant.class).optional()
                    .orElse(null);
            if (newest == null || newest.plus(rotationPeriod).isBefore(clock.instant())) {
                insertNewKey();
            }
        });
        reload();
    }

    private void lock() {
        // Transaction-scoped: two instances checking at once make one key, not two (two at once would push the
        // previous key out of the JWKS while tokens it signed are still valid).
        jdbc.sql("select pg_advisory_xact_lock(:lock)").param("lock", ROTATION_LOCK).query(Object.class).single();
    }

    private void insertNewKey() {
        KeyPair pair = generate();
        String kid = UUID.randomUUID().toString();
        Base64.Encoder base64 = Base64.getEncoder();
        jdbc.sql("insert into identity.signing_key (kid, private_key, public_key) values (:kid, :private, :public)")
                .param("kid", kid)
                .param("private", base64.encodeToString(pair.getPrivate().getEncoded()))
                .param("public", base64.encodeToString(pair.getPublic().getEncoded()))
                .update();
        log.info("New token signing key {}", kid);
    }

    private Published published() {
        Published keys = published;
        if (keys == null) {
            rotateIfDue();
            keys = published;
        }
        return keys;
    }

    private synchronized Published reload() {
        List<RSAKey> keys = jdbc.sql("select kid, private_key, public_key from identity.signing_key"
                        + " order by created_at desc, kid limit 2")
                .query((rs, row) -> rsaKey(rs.getString("kid"), rs.getString("private_key"), rs.getString("public_key")))
                .list();
        if (keys.isEmpty()) {
            throw new IllegalStateException("No signing key in identity.signing_key");
        }
        published = new Published(keys);
        return published;
    }

    private static RSAKey rsaKey(String kid, String privateKey, String publicKey) {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            Base64.Decoder base64 = Base64.getDecoder();
            return new RSAKey.Builder((RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(base64.decode(publicKey))))
                    .privateKey((RSAPrivateKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(base64.decode(privateKey))))
                    .keyID(kid)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .build();
        }
        catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException("Signing key " + kid + " cannot be read", e);
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The newest key first. */
    private record Published(List<RSAKey> keys) {
    }
}
