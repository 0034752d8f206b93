package io.ficus.shop;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * A WireMock stand-in for the third-party payment provider, one per test JVM, so every test context that
 * points at it shares the same URL (and the same cached Spring context).
 */
public final class PaymentProviderStub {

    public static final String AUTHORIZATIONS = "/v1/authorizations";

    private static final WireMockServer SERVER = start();

    private PaymentProviderStub() {
    }

    private static WireMockServer start() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options()
                .bindAddress("127.0.0.1").dynamicPort().globalTemplating(true));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        return server;
    }

    public static WireMockServer server() {
        return SERVER;
    }

    public static String baseUrl() {
        return SERVER.baseUrl();
    }

    /** Forgets recorded requests and stubs, then approves every authorization. */
    public static void reset() {
        SERVER.resetAll();
        SERVER.stubFor(approving(authorization()).atPriority(10));
    }

    public static MappingBuilder authorization() {
        return post(urlPathEqualTo(AUTHORIZATIONS));
    }

    public static MappingBuilder approving(MappingBuilder mapping) {
        return mapping.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"auth-{{jsonPath request.body '$.reference'}}\",\"status\":\"APPROVED\"}"));
    }

    public static MappingBuilder declining(MappingBuilder mapping, String reason) {
        return mapping.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"status\":\"DECLINED\",\"reason\":\"" + reason + "\"}"));
    }
}
