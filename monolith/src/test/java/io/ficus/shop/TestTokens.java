package io.ficus.shop;

import io.ficus.platform.testing.TestIssuer;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Bearer tokens for tests: one {@link TestIssuer} (a real OIDC issuer over HTTP on 127.0.0.1) for the whole test JVM,
 * and an initializer that makes a test's shop accept its tokens. Tests that need the shop as its own issuer (the
 * identity module's) do not use it.
 */
public final class TestTokens {

    /** The issuer every test context with {@link Issuer} trusts. */
    public static final TestIssuer ISSUER = TestIssuer.start();

    public static final String STAFF = "staff@example.com";

    private TestTokens() {
    }

    public static String customer(String email) {
        return ISSUER.customer(email);
    }

    public static String staff() {
        return ISSUER.staff(STAFF);
    }

    /** Points the shop's resource server at {@link #ISSUER}. */
    public static final class Issuer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestPropertyValues.of(ISSUER.springProperties()).applyTo(context);
        }
    }
}
