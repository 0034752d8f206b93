package io.ficus.shop.payments.internal;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * A stand-in payment provider served in-process by WireMock when no provider URL is configured. Its rules
 * (also in the README): an amount ending in {@code .13} is declined; one ending in {@code .51} gets a 503,
 * so the order stays PENDING and is retried; anything else is approved.
 */
class PaymentProviderSandbox implements AutoCloseable {

    private static final String AUTHORIZATIONS = "/v1/authorizations";

    private final WireMockServer server;

    PaymentProviderSandbox() {
        server = new WireMockServer(WireMockConfiguration.options()
                .bindAddress("127.0.0.1").dynamicPort().disableRequestJournal()
                .globalTemplating(true));
        server.start();
        server.stubFor(post(urlPathEqualTo(AUTHORIZATIONS)).atPriority(10)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"sandbox-{{jsonPath request.body '$.reference'}}\",\"status\":\"APPROVED\"}")));
        server.stubFor(post(urlPathEqualTo(AUTHORIZATIONS)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.amount", matching(".*\\.13")))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"status\":\"DECLINED\",\"reason\":\"Card declined (sandbox rule: amount ends in .13)\"}")));
        server.stubFor(post(urlPathEqualTo(AUTHORIZATIONS)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.amount", matching(".*\\.51")))
                .willReturn(aResponse().withStatus(503).withBody("sandbox rule: amount ends in .51")));
    }

    String baseUrl() {
        return server.baseUrl();
    }

    @Override
    public void close() {
        server.stop();
    }
}
