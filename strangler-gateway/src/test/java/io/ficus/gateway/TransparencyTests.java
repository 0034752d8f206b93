package io.ficus.gateway;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What keeps a web app working behind the gateway: backends learn the public request (X-Forwarded-*, or the Host
 * itself when asked), redirects and cookie domains naming a backend come back pointing at the gateway, and
 * browsers, which send no caller key, get a caller cookie that keeps each of them on one side.
 */
class TransparencyTests {

    private static final String PUBLIC_HOST = "shop.example:8443";

    static WireMockServer legacy;
    static WireMockServer service;
    static GatewayInstance gateway;

    @BeforeAll
    static void start() {
        legacy = Backends.started("legacy");
        service = Backends.started("service");
        gateway = GatewayInstance.start(GatewayInstance.defaults(TestDatabase.newDatabaseUrl(), legacy, service));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        legacy.stop();
        service.stop();
    }

    @BeforeEach
    void reset() {
        Backends.answerWithName(legacy, "legacy");
        Backends.answerWithName(service, "service");
    }

    @Test
    void tellsTheBackendThePublicHostProtoPortAndClientByDefault() throws Exception {
        call("GET /public HTTP/1.1\r\nHost: " + PUBLIC_HOST + "\r\n");

        legacy.verify(getRequestedFor(urlEqualTo("/public"))
                .withHeader("X-Forwarded-Host", equalTo(PUBLIC_HOST))
                .withHeader("X-Forwarded-Proto", equalTo("http"))
                .withHeader("X-Forwarded-Port", equalTo("8443"))
                .withHeader("X-Forwarded-For", equalTo("127.0.0.1"))
                .withHeader("Host", equalTo("localhost:" + legacy.port())));
    }

    @Test
    void givesTheBackendThePublicHostWhenItsPlanEntryPreservesIt() throws Exception {
        call("GET /api/kept/page HTTP/1.1\r\nHost: " + PUBLIC_HOST + "\r\n");

        service.verify(getRequestedFor(urlEqualTo("/api/kept/page")).withHeader("Host", equalTo(PUBLIC_HOST)));
    }

    @Test
    void rewritesALocationPointingAtTheBackendToThePublicOrigin() throws Exception {
        legacy.stubFor(get(urlPathMatching("/go.*")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", legacy.baseUrl() + "/items/11;jsessionid=AB12?x=1")));
        legacy.stubFor(get(urlEqualTo("/away")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "https://pay.example/checkout")));
        legacy.stubFor(get(urlEqualTo("/relative")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "/items/12")));

        assertThat(call("GET /go HTTP/1.1\r\nHost: " + PUBLIC_HOST + "\r\n").header("Location"))
                .isEqualTo("http://" + PUBLIC_HOST + "/items/11;jsessionid=AB12?x=1");
        assertThat(call("GET /away HTTP/1.1\r\nHost: " + PUBLIC_HOST + "\r\n").header("Location"))
                .isEqualTo("https://pay.example/checkout");
        assertThat(call("GET /relative HTTP/1.1\r\nHost: " + PUBLIC_HOST + "\r\n").header("Location"))
                .isEqualTo("/items/12");
    }

    @Test
    void rewritesACookieDomainNamingTheBackendToThePublicHost() throws Exception {
        legacy.stubFor(get(urlEqualTo("/login")).willReturn(aResponse().withStatus(200)
                .withHeader("Set-Cookie", "SESSION=abc; Domain=localhost; Path=/; HttpOnly")
                .withHeader("Set-Cookie", "pref=1; Domain=other.example; Path=/")));

        RawHttp.Response response = call("GET /login HTTP/1.1\r\nHost: " + PUBLIC_HOST + "\r\n");

        assertThat(response.headers().get("set-cookie")).containsExactly(
                "SESSION=abc; Domain=shop.example; Path=/; HttpOnly", "pref=1; Domain=other.example; Path=/");
    }

    @Test
    void issuesBrowsersACallerCookieAndKeepsEachOnOneSideThoughTheyShareAnAddress() throws Exception {
        gateway.move("catalog-reads", "canary", 50);
        try {
            Map<String, String> sideOfBrowser = new HashMap<>();
            for (int browser = 0; browser < 30; browser++) {
                RawHttp.Response first = call("GET /api/catalog/items HTTP/1.1\r\nHost: " + PUBLIC_HOST + "\r\n");
                String cookie = first.header("Set-Cookie");
                assertThat(cookie).startsWith("ficus-caller=").containsIgnoringCase("HttpOnly")
                        .contains("SameSite=Lax").contains("Path=/").doesNotContain("Secure");
                String pair = cookie.split(";", 2)[0];
                sideOfBrowser.put(pair, first.body());
                for (int again = 0; again < 3; again++) {
                    RawHttp.Response next = call("GET /api/catalog/items HTTP/1.1\r\nHost: " + PUBLIC_HOST
                            + "\r\nCookie: theme=dark; " + pair + "\r\n");
                    assertThat(next.body()).as("browser %s stays on its side", pair).isEqualTo(first.body());
                    assertThat(next.header("Set-Cookie")).as("no new cookie once it has one").isNull();
                }
            }
            Set<String> sides = new HashSet<>(sideOfBrowser.values());
            assertThat(sides).as("browsers behind one address spread over both sides").containsOnly("legacy", "service")
                    .hasSize(2);
            for (WireMockServer backend : List.of(legacy, service)) {
                backend.verify(0, anyRequestedFor(anyUrl()).withHeader("Cookie", containing("ficus-caller")));
            }
            assertThat(call("GET /api/catalog/items HTTP/1.1\r\nHost: " + PUBLIC_HOST + "\r\nX-User-Id: u1\r\n")
                    .header("Set-Cookie")).as("a caller with its own key gets no cookie").isNull();
        }
        finally {
            gateway.move("catalog-reads", "legacy", null);
        }
    }

    private static RawHttp.Response call(String requestHead) throws Exception {
        return RawHttp.exchange(gateway.port(), requestHead + "Connection: close\r\n\r\n", 10_000).get(0);
    }
}
