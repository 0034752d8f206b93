package io.ficus.shop.payments;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import io.ficus.shop.PaymentProviderStub;
import io.ficus.shop.PaymentProviderStubInitializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.awaitility.Awaitility.await;

/**
 * Payments against a WireMock payment provider: approve, decline, each kind of transient failure retried with
 * backoff, one call in flight per order, and the give-up window (4 s here) ending in the provider's own record.
 * Stubs match one order's idempotency key, so the retries of one test never answer another's.
 */
@ApplicationModuleTest
@ContextConfiguration(initializers = PaymentProviderStubInitializer.class)
@TestPropertySource(properties = { "ficus.payments.provider.retry.give-up-after=4s",
        "ficus.payments.provider.read-timeout=2s" })
class PaymentsIntegrationTests {

    private static final Duration BOUND = Duration.ofSeconds(20);

    @Autowired
    PaymentAuthorizer payments;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void resetProvider() {
        PaymentProviderStub.reset();
    }

    @Test
    void publishesPaymentAuthorizedWhenProviderApproves(Scenario scenario) {
        PaymentRequest request = request("12.34");

        scenario.stimulate(() -> payments.authorize(request))
                .andWaitForEventOfType(PaymentAuthorized.class)
                .matching(event -> event.orderId().equals(request.orderId()))
                .toArriveAndVerify(event -> {
                    assertThat(event.providerReference()).isEqualTo("auth-" + request.orderId());
                    assertThat(statusOf(request)).isEqualTo("AUTHORIZED");
                });
        PaymentProviderStub.server().verify(postRequestedFor(urlPathEqualTo(PaymentProviderStub.AUTHORIZATIONS))
                .withHeader("Idempotency-Key", equalTo("order-" + request.orderId()))
                .withRequestBody(equalToJson("""
                        {"reference": "%s", "amount": "12.34", "currency": "EUR", "customer": "pat@example.com"}
                        """.formatted(request.orderId()))));
    }

    @Test
    void publishesPaymentDeclinedWithProviderReason(Scenario scenario) {
        PaymentProviderStub.server().stubFor(PaymentProviderStub.declining(
                PaymentProviderStub.authorization().atPriority(1), "Card expired"));
        PaymentRequest request = request("20.00");

        scenario.stimulate(() -> payments.authorize(request))
                .andWaitForEventOfType(PaymentDeclined.class)
                .matching(event -> event.orderId().equals(request.orderId()))
                .toArriveAndVerify(event -> {
                    assertThat(event.reason()).isEqualTo("Card expired");
                    assertThat(statusOf(request)).isEqualTo("DECLINED");
                });
    }

    @Test
    void treatsPaymentRequiredAsDecline(Scenario scenario) {
        PaymentProviderStub.server().stubFor(PaymentProviderStub.authorization().atPriority(1)
                .willReturn(aResponse().withStatus(402).withHeader("Content-Type", "application/json")
                        .withBody("{\"status\":\"DECLINED\",\"reason\":\"Insufficient funds\"}")));
        PaymentRequest request = request("30.00");

        scenario.stimulate(() -> payments.authorize(request))
                .andWaitForEventOfType(PaymentDeclined.class)
                .matching(event -> event.orderId().equals(request.orderId()))
                .toArriveAndVerify(event -> assertThat(event.reason()).isEqualTo("Insufficient funds"));
    }

    @Test
    void recordsServerErrorAsTransientAndSchedulesTheNextCall() {
        PaymentRequest request = request("40.00");
        PaymentProviderStub.server().stubFor(forOrder(request).willReturn(aResponse().withStatus(500)));

        assertTransientFailureIsScheduledForRetry(request);
    }

    @Test
    void recordsTimeoutAsTransientAndSchedulesTheNextCall() {
        PaymentRequest request = request("41.00");
        PaymentProviderStub.server().stubFor(forOrder(request).willReturn(aResponse().withStatus(200).withFixedDelay(3_000)
                .withHeader("Content-Type", "application/json").withBody("{\"status\":\"APPROVED\"}")));

        assertTransientFailureIsScheduledForRetry(request);
    }

    @Test
    void recordsConnectionResetAsTransientAndSchedulesTheNextCall() {
        PaymentRequest request = request("42.00");
        PaymentProviderStub.server().stubFor(forOrder(request).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertTransientFailureIsScheduledForRetry(request);
    }

    @Test
    void asksProviderNoMoreOnceTheOrderHasADecision() {
        PaymentRequest request = request("50.00");
        payments.authorize(request);
        await().atMost(BOUND).until(() -> "AUTHORIZED".equals(statusOf(request)) && callsFor(request) >= 1);
        int attempts = attemptsOf(request);
        long calls = callsFor(request);

        payments.authorize(request);

        assertThat(attemptsOf(request)).isEqualTo(attempts);
        assertThat(callsFor(request)).isEqualTo(calls);
        assertThat(statusOf(request)).isEqualTo("AUTHORIZED");
    }

    @Test
    void retriesTransientFailuresWithTheSameKeyUntilTheProviderAnswers(Scenario scenario) {
        PaymentRequest request = request("43.00");
        var server = PaymentProviderStub.server();
        server.stubFor(forOrder(request).inScenario("flaky-" + request.orderId()).whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("failed-once"));
        server.stubFor(forOrder(request).inScenario("flaky-" + request.orderId()).whenScenarioStateIs("failed-once")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("recovered"));
        server.stubFor(PaymentProviderStub.approving(forOrder(request).inScenario("flaky-" + request.orderId())
                .whenScenarioStateIs("recovered")));

        scenario.stimulate(() -> payments.authorize(request))
                .andWaitForEventOfType(PaymentAuthorized.class)
                .matching(event -> event.orderId().equals(request.orderId()))
                .toArriveAndVerify(event -> {
                    assertThat(callsFor(request)).isEqualTo(3);
                    assertThat(attemptsOf(request)).isEqualTo(3);
                });
    }

    @Test
    void neverHasTwoProviderCallsInFlightForOneOrder() throws Exception {
        // a first payment warms the HTTP client up, so the measured call is not a cold one that times out
        PaymentRequest warmUp = request("44.01");
        payments.authorize(warmUp);
        await().atMost(BOUND).until(() -> "AUTHORIZED".equals(statusOf(warmUp)));
        PaymentRequest request = request("44.00");
        // slower than the callers are to start, well within the read timeout
        PaymentProviderStub.server().stubFor(forOrder(request).willReturn(aResponse().withStatus(200).withFixedDelay(500)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"auth-slow\",\"status\":\"APPROVED\"}")));
        ExecutorService callers = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> calls = IntStream.range(0, 6)
                    .mapToObj(i -> callers.submit(() -> payments.authorize(request))).collect(Collectors.toList());
            for (Future<?> call : calls) {
                call.get(30, TimeUnit.SECONDS);
            }
        }
        finally {
            callers.shutdownNow();
        }

        await().atMost(BOUND).until(() -> "AUTHORIZED".equals(statusOf(request)) && callsFor(request) >= 1);
        assertThat(callsFor(request)).isOne();
    }

    @Test
    void abandonsPaymentAfterTheGiveUpWindowWhenTheProviderHasNoRecordOfIt(Scenario scenario) {
        PaymentRequest request = request("45.00");
        PaymentProviderStub.server().stubFor(forOrder(request).willReturn(aResponse().withStatus(503)));
        PaymentProviderStub.server().stubFor(outcomeOf(request).willReturn(aResponse().withStatus(404)));

        scenario.stimulate(() -> payments.authorize(request))
                .andWaitForEventOfType(PaymentAbandoned.class)
                .matching(event -> event.orderId().equals(request.orderId()))
                .toArriveAndVerify(event -> {
                    assertThat(event.reason()).isEqualTo("Payment provider unavailable");
                    assertThat(statusOf(request)).isEqualTo("ABANDONED");
                    PaymentProviderStub.server().verify(getRequestedFor(urlPathEqualTo(outcomePath(request))));
                });
        long calls = callsFor(request);
        assertThat(calls).isGreaterThan(1);
        // decided: the poller finds nothing due for it any more
        assertThat(jdbc.sql("select next_attempt_at is null and in_flight_until is null from payments.payment where order_id = :id")
                .param("id", request.orderId()).query(Boolean.class).single()).isTrue();
    }

    @Test
    void authorizesAfterTheGiveUpWindowWhenTheProviderReportsTheCharge(Scenario scenario) {
        PaymentRequest request = request("46.00");
        PaymentProviderStub.server().stubFor(forOrder(request).willReturn(aResponse().withStatus(503)));
        PaymentProviderStub.server().stubFor(outcomeOf(request).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"auth-late\",\"status\":\"APPROVED\"}")));

        scenario.stimulate(() -> payments.authorize(request))
                .andWaitForEventOfType(PaymentAuthorized.class)
                .matching(event -> event.orderId().equals(request.orderId()))
                .toArriveAndVerify(event -> {
                    assertThat(event.providerReference()).isEqualTo("auth-late");
                    assertThat(statusOf(request)).isEqualTo("AUTHORIZED");
                });
    }

    @Test
    void keepsAskingForTheOutcomeWhileTheProviderCannotTellIt() {
        PaymentRequest request = request("47.00");
        PaymentProviderStub.server().stubFor(forOrder(request).willReturn(aResponse().withStatus(503)));
        PaymentProviderStub.server().stubFor(outcomeOf(request).willReturn(aResponse().withStatus(503)));

        payments.authorize(request);

        await().atMost(BOUND).until(() -> PaymentProviderStub.server()
                .countRequestsMatching(getRequestedFor(urlPathEqualTo(outcomePath(request))).build()).getCount() >= 2);
        assertThat(statusOf(request)).isEqualTo("PENDING");

        PaymentProviderStub.server().stubFor(outcomeOf(request).atPriority(1).willReturn(aResponse().withStatus(404)));
        await().atMost(BOUND).until(() -> "ABANDONED".equals(statusOf(request)));
    }

    private void assertTransientFailureIsScheduledForRetry(PaymentRequest request) {
        payments.authorize(request);

        assertThat(statusOf(request)).isEqualTo("PENDING");
        assertThat(jdbc.sql("select attempts >= 1 and last_error is not null from payments.payment where order_id = :id")
                .param("id", request.orderId()).query(Boolean.class).single()).isTrue();
        // the scheduler makes the next call once the backoff has passed
        await().atMost(BOUND).until(() -> attemptsOf(request) >= 2);
    }

    private static MappingBuilder forOrder(PaymentRequest request) {
        return PaymentProviderStub.authorization().atPriority(1)
                .withHeader("Idempotency-Key", equalTo("order-" + request.orderId()));
    }

    private static MappingBuilder outcomeOf(PaymentRequest request) {
        return get(urlPathEqualTo(outcomePath(request))).atPriority(2);
    }

    private static String outcomePath(PaymentRequest request) {
        return PaymentProviderStub.AUTHORIZATIONS + "/order-" + request.orderId();
    }

    private static long callsFor(PaymentRequest request) {
        return PaymentProviderStub.server().countRequestsMatching(postRequestedFor(urlPathEqualTo(PaymentProviderStub.AUTHORIZATIONS))
                .withHeader("Idempotency-Key", equalTo("order-" + request.orderId())).build()).getCount();
    }

    private int attemptsOf(PaymentRequest request) {
        return jdbc.sql("select attempts from payments.payment where order_id = :id")
                .param("id", request.orderId()).query(Integer.class).single();
    }

    private static PaymentRequest request(String amount) {
        return new PaymentRequest(UUID.randomUUID(), "pat@example.com", new BigDecimal(amount), "EUR");
    }

    private String statusOf(PaymentRequest request) {
        return jdbc.sql("select status from payments.payment where order_id = :id")
                .param("id", request.orderId()).query(String.class).single();
    }
}
