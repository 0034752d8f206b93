package io.ficus.shop;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

/**
 * The whole shop on a random port against a fresh embedded PostgreSQL and the WireMock payment provider.
 * It accepts the tokens of {@link TestTokens}. Every test class using it shares one cached application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = "ficus.shop.demo-data=true")
@ContextConfiguration(initializers = { PaymentProviderStubInitializer.class, TestTokens.Issuer.class })
public @interface ShopApplicationTest {
}
