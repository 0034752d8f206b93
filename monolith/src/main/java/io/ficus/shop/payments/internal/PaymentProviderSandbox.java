package io.ficus.shop.payments.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/**
 * A stand-in payment provider served in-process by WireMock when no provider URL is configured. Its rules
 * (also in the README): an amount ending in {@code .13} is declined; one ending in {@code .51} gets a 503 and is
 * never charged, so the order is retried and, after the give-up window, cancelled; one ending in {@code .52}
 * gets a 503 although the charge went through, so the order is confirmed once the give-up window has passed
 * and the outcome is asked for; anything else is approved. {@code GET /v1/authorizations/{key}} reports what
 * was recorded for an idempotency key, or 404.
 */
class PaymentProviderSandbox implements AutoCloseable {

    private static final String AUTHORIZATIONS = "/v1/authorizations";

    private final WireMockServer server;

    PaymentProviderSandbox() {
        Rules rules = new Rules();
        server = new WireMockServer(WireMockConfiguration.options()
                .bindAddress("127.0.0.1").dynamicPort().disableRequestJournal()
                .extensions(rules));
        server.start();
        server.stubFor(post(urlPathEqualTo(AUTHORIZATIONS)).willReturn(aResponse().withTransformers(Rules.NAME)));
        server.stubFor(get(urlPathMatching(AUTHORIZATIONS + "/[^/]+")).willReturn(aResponse().withTransformers(Rules.NAME)));
    }

    String baseUrl() {
        return server.baseUrl();
    }

    @Override
    public void close() {
        server.stop();
    }

    /** The sandbox's decisions, and its memory of them per idempotency key (the most recent 10,000). */
    static final class Rules implements ResponseDefinitionTransformerV2 {

        static final String NAME = "ficus-payment-sandbox";

        private static final JsonMapper JSON = JsonMapper.builder().build();
        private static final int REMEMBERED = 10_000;

        private final Map<String, String> outcomes = Collections.synchronizedMap(new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > REMEMBERED;
            }
        });

        @Override
        public String getName() {
            return NAME;
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            if ("GET".equals(event.getRequest().getMethod().getName())) {
                String url = event.getRequest().getUrl();
                String outcome = outcomes.get(url.substring(url.lastIndexOf('/') + 1));
                return outcome == null ? json(404, "{\"status\":\"UNKNOWN\"}") : json(200, outcome);
            }
            String key = event.getRequest().getHeader(PaymentProviderClient.IDEMPOTENCY_KEY);
            JsonNode body = JSON.readTree(event.getRequest().getBodyAsString());
            String amount = body.path("amount").asString("");
            String reference = body.path("reference").asString("");
            if (amount.endsWith(".51")) {
                return ResponseDefinitionBuilder.responseDefinition().withStatus(503)
                        .withBody("sandbox rule: amount ends in .51").build();
            }
            String outcome = amount.endsWith(".13")
                    ? "{\"status\":\"DECLINED\",\"reason\":\"Card declined (sandbox rule: amount ends in .13)\"}"
                    : JSON.writeValueAsString(Map.of("id", "sandbox-" + reference, "status", "APPROVED"));
            if (key != null) {
                outcomes.putIfAbsent(key, outcome);
            }
            if (amount.endsWith(".52")) {
                return ResponseDefinitionBuilder.responseDefinition().withStatus(503)
                        .withBody("sandbox rule: amount ends in .52 (charged, answer lost)").build();
            }
            return json(200, key == null ? outcome : outcomes.get(key));
        }

        private static ResponseDefinition json(int status, String body) {
            return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                    .withHeader("Content-Type", "application/json").withBody(body).build();
        }
    }
}
