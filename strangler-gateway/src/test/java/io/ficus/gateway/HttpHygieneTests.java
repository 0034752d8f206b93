package io.ficus.gateway;

import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP at the edge, spoken byte for byte: Host rules, the {@code *} target, client-address headers
 * from an untrusted peer, and HEAD answers.
 */
class HttpHygieneTests {

    static WireMockServer legacy;
    static GatewayInstance gateway;

    @BeforeAll
    static void start() {
        legacy = Backends.started("legacy");
        gateway = GatewayInstance.start(GatewayInstance.defaults(TestDatabase.newDatabaseUrl(), legacy, legacy));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        legacy.stop();
    }

    @BeforeEach
    void reset() {
        Backends.answerWithName(legacy, "legacy");
    }

    @Test
    void answersOrRefusesPipelinedRequestsButNeverLeavesThemHanging() throws Exception {
        legacy.stubFor(any(anyUrl()).atPriority(1).willReturn(aResponse().withStatus(200).withFixedDelay(200)
                .withBody("slow")));
        String host = "Host: 127.0.0.1:" + gateway.port() + "\r\n";

        RawHttp.Conversation conversation = RawHttp.converse(gateway.port(),
                "GET /one HTTP/1.1\r\n" + host + "\r\n"
                        + "GET /two HTTP/1.1\r\n" + host + "\r\n"
                        + "GET /three HTTP/1.1\r\n" + host + "\r\n", 10_000);

        List<RawHttp.Response> answered = conversation.responses();
        assertThat(answered).isNotEmpty().allSatisfy(response -> assertThat(response.status()).isEqualTo(200));
        if (answered.size() < 3) {
            // refused: the last answer says the connection closes, and it does, so the client resends the rest
            assertThat(answered.get(answered.size() - 1).header("Connection")).isEqualTo("close");
            assertThat(conversation.closedByServer()).as("connection closed, not left hanging").isTrue();
        }
        assertThat(legacy.findAll(anyRequestedFor(anyUrl()))).as("no request processed without an answer")
                .hasSize(answered.size());
    }

    @Test
    void refusesHttp11WithoutHostWith400Problem() throws Exception {
        List<RawHttp.Response> responses = RawHttp.exchange(gateway.port(),
                "GET /no-host HTTP/1.1\r\nConnection: close\r\n\r\n", 5_000);

        assertThat(responses).hasSize(1);
        assertThat(responses.get(0).status()).isEqualTo(400);
        assertThat(responses.get(0).header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(responses.get(0).body()).contains("Host");
        legacy.verify(0, anyRequestedFor(urlEqualTo("/no-host")));
    }

    @Test
    void refusesTwoHostHeadersWith400Problem() throws Exception {
        List<RawHttp.Response> responses = RawHttp.exchange(gateway.port(),
                "GET /two-hosts HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n", 5_000);

        assertThat(responses.get(0).status()).isEqualTo(400);
        assertThat(responses.get(0).header("Content-Type")).isEqualTo("application/problem+json");
        legacy.verify(0, anyRequestedFor(urlEqualTo("/two-hosts")));
    }

    @Test
    void refusesARequestLineWithANulByteBeforeAnyBackendSeesIt() throws Exception {
        List<RawHttp.Response> responses = RawHttp.exchange(gateway.port(),
                "GET /nul\u0000byte HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", 5_000);

        assertThat(responses).extracting(RawHttp.Response::status).containsExactly(400);
        assertThat(responses.get(0).header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(responses.get(0).body()).contains("\"status\":400").contains("not valid HTTP");
        legacy.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void refusesAnUnparseableHeaderWith400ProblemBeforeAnyBackendSeesIt() throws Exception {
        List<RawHttp.Response> responses = RawHttp.exchange(gateway.port(),
                "GET /bad-header HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header: x\r\nConnection: close\r\n\r\n", 5_000);

        assertThat(responses).extracting(RawHttp.Response::status).containsExactly(400);
        assertThat(responses.get(0).header("Content-Type")).isEqualTo("application/problem+json");
        legacy.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void acceptsHttp10WithoutHost() throws Exception {
        List<RawHttp.Response> responses = RawHttp.exchange(gateway.port(), "GET /old HTTP/1.0\r\n\r\n", 5_000);

        assertThat(responses.get(0).status()).isEqualTo(200);
        assertThat(responses.get(0).body()).isEqualTo("legacy");
    }

    @Test
    void neverForwardsTheAsteriskTargetAsAPath() throws Exception {
        String host = "Host: 127.0.0.1\r\nConnection: close\r\n";
        RawHttp.Response options = RawHttp.exchange(gateway.port(), "OPTIONS * HTTP/1.1\r\n" + host + "\r\n", 5_000).get(0);
        RawHttp.Response get = RawHttp.exchange(gateway.port(), "GET * HTTP/1.1\r\n" + host + "\r\n", 5_000).get(0);

        assertThat(options.status()).isEqualTo(200);
        assertThat(options.header("Allow")).contains("GET");
        assertThat(get.status()).isEqualTo(400);
        assertThat(get.header("Content-Type")).isEqualTo("application/problem+json");
        legacy.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void stripsClientAddressHeadersOfAnUntrustedPeer() throws Exception {
        RawHttp.exchange(gateway.port(), "GET /who HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Real-IP: 6.6.6.6\r\n"
                + "X-Client-IP: 6.6.6.6\r\nTrue-Client-IP: 6.6.6.6\r\nProxy-Connection: keep-alive\r\n"
                + "Connection: close\r\n\r\n", 5_000);

        legacy.verify(getRequestedFor(urlEqualTo("/who")).withHeader("X-Real-IP", absent())
                .withHeader("X-Client-IP", absent()).withHeader("True-Client-IP", absent())
                .withHeader("Proxy-Connection", absent())
                .withHeader("X-Forwarded-For", com.github.tomakehurst.wiremock.client.WireMock.equalTo("127.0.0.1")));
    }

    @Test
    void keepsTheBackendsHeadersOnAHeadAnswer() throws Exception {
        legacy.stubFor(head(urlEqualTo("/file.css")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/css").withHeader("Content-Length", "1234")
                .withHeader("ETag", "\"abc\"")));
        String host = "Host: 127.0.0.1\r\nConnection: close\r\n";

        RawHttp.Response response = RawHttp.exchange(gateway.port(), "HEAD /file.css HTTP/1.1\r\n" + host + "\r\n",
                5_000, 0).get(0);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Length")).isEqualTo("1234");
        assertThat(response.header("ETag")).isEqualTo("\"abc\"");
        assertThat(response.header("Transfer-Encoding")).isNull();
    }

    @Test
    void passesPathsOnlyTheBackendMayJudge() throws Exception {
        legacy.stubFor(any(anyUrl()).atPriority(1).willReturn(aResponse().withStatus(200).withBody("seen")));
        for (String target : List.of("/items/11;jsessionid=ABC123", "//x", "/./x", "/a%2Fb", "/a%3Bb")) {
            RawHttp.Response response = RawHttp.exchange(gateway.port(),
                    "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", 5_000).get(0);
            assertThat(response.status()).as(target).isEqualTo(200);
            assertThat(response.body()).as(target).isEqualTo("seen");
        }
        RawHttp.Response propfind = RawHttp.exchange(gateway.port(),
                "PROPFIND /dav HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", 5_000).get(0);
        assertThat(propfind.status()).isEqualTo(200);
        assertThat(legacy.findAll(anyRequestedFor(anyUrl())).stream().map(request -> request.getUrl()))
                .contains("/items/11;jsessionid=ABC123", "/a%2Fb", "/a%3Bb", "/dav");
    }
}
