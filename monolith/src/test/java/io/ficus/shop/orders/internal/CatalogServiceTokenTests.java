package io.ficus.shop.orders.internal;

import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.ficus.platform.testing.FreePorts;
import io.ficus.shop.PaymentProviderStubInitializer;
import io.ficus.shop.catalog.ProductSummary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.ContextConfiguration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Orders price through catalog-service (WireMock, as seen from its caller) as the shop itself: a client-credentials
 * token of {@code ficus-shop} with scope {@code catalog.read}, issued by the shop's own provider with the secret the
 * identity module generated for the demo (nothing configured), the token endpoint found in the issuer's metadata,
 * the same token reused while it is valid and replaced when catalog-service refuses it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "ficus.shop.demo-data=true",
        "ficus.orders.catalog.mode=remote",
        "ficus.orders.catalog.retry-wait=20ms",
        "ficus.orders.catalog.breaker-minimum-calls=1000",
        "ficus.orders.catalog.cache-ttl=0s" })
@ContextConfiguration(initializers = { PaymentProviderStubInitializer.class, CatalogServiceTokenTests.Ports.class })
class CatalogServiceTokenTests {

    private static final int PORT = FreePorts.next();
    private static final WireMockServer CATALOG_SERVICE = new WireMockServer(
            WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    private static final String PATH = "/api/catalog/products/TK-001";
    private static final String PRODUCT = """
            {"sku": "TK-001", "name": "Token fig", "description": "", "price": "3.00", "currency": "EUR"}""";

    @Autowired
    CatalogClient catalog;

    @Autowired
    RemoteCatalog remote;

    /** The shop's own resource-server decoder: it trusts exactly the shop's issuer and keys. */
    @Autowired
    JwtDecoder shopDecoder;

    @BeforeEach
    void reset() {
        CATALOG_SERVICE.resetAll();
        remote.reset();
    }

    @AfterAll
    static void stop() {
        CATALOG_SERVICE.stop();
    }

    @Test
    void pricesWithTheShopsOwnClientCredentialsTokenAndReusesIt() {
        CATALOG_SERVICE.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson(PRODUCT)));

        Map<String, ProductSummary> first = catalog.productsBySku(List.of("TK-001"));
        Map<String, ProductSummary> second = catalog.productsBySku(List.of("TK-001"));

        assertThat(first).containsKey("TK-001");
        assertThat(second).containsKey("TK-001");
        List<String> tokens = bearerTokens();
        assertThat(tokens).hasSize(2);
        assertThat(tokens.get(1)).as("cached, not asked for per call").isEqualTo(tokens.get(0));
        Jwt token = shopDecoder.decode(tokens.get(0));
        assertThat(token.getIssuer().toString()).isEqualTo("http://localhost:" + PORT);
        assertThat(token.getSubject()).isEqualTo("ficus-shop");
        assertThat(token.getAudience()).contains("ficus");
        assertThat(token.getClaimAsStringList("scope")).containsExactly("catalog.read");
        assertThat(token.hasClaim("roles")).as("a machine, not a user").isFalse();
    }

    @Test
    void asksForANewTokenWhenCatalogServiceRefusesOne() {
        CATALOG_SERVICE.stubFor(get(urlPathEqualTo(PATH)).inScenario("refused").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(401).withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\""))
                .willSetStateTo("accepted"));
        CATALOG_SERVICE.stubFor(get(urlPathEqualTo(PATH)).inScenario("refused").whenScenarioStateIs("accepted")
                .willReturn(okJson(PRODUCT)));

        assertThat(catalog.productsBySku(List.of("TK-001"))).containsKey("TK-001");

        List<String> tokens = bearerTokens();
        assertThat(tokens).hasSize(2);
        assertThat(tokens.get(1)).as("a fresh token after the refusal").isNotEqualTo(tokens.get(0));
        assertThat(shopDecoder.decode(tokens.get(1)).getSubject()).isEqualTo("ficus-shop");
    }

    private static List<String> bearerTokens() {
        return CATALOG_SERVICE.findAll(getRequestedFor(urlPathEqualTo(PATH))).stream()
                .map(LoggedRequest::getHeaders).map(headers -> headers.getHeader("Authorization").firstValue())
                .peek(header -> assertThat(header).startsWith("Bearer "))
                .map(header -> header.substring("Bearer ".length())).toList();
    }

    /** The shop on a port known before it starts (its default issuer URL names it) and WireMock's URL. */
    static final class Ports implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            if (!CATALOG_SERVICE.isRunning()) {
                CATALOG_SERVICE.start();
            }
            TestPropertyValues.of("server.port=" + PORT, "ficus.orders.catalog.base-url=" + CATALOG_SERVICE.baseUrl())
                    .applyTo(context);
        }
    }
}
