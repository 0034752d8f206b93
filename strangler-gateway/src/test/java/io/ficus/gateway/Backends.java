package io.ficus.gateway;

import com.github.tomakehurst.wiremock.WireMockServer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/** WireMock backends that answer every request with their own name, so a test sees which side answered. */
final class Backends {

    private Backends() {
    }

    static WireMockServer started(String name) {
        WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
                .containerThreads(40).jettyAcceptors(2));
        server.start();
        answerWithName(server, name);
        return server;
    }

    static void answerWithName(WireMockServer server, String name) {
        server.resetAll();
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/plain").withBody(name)));
    }
}
