package io.ficus.shop.payments;

import java.math.BigDecimal;
import java.util.UUID;

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
import org.springframework.transaction.support.TransactionTemplate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Payments against a WireMock payment provider: approve, decline, and each kind of transient failure. */
@ApplicationModuleTest
@ContextConfiguration(initializers = PaymentProviderStubInitializer.class)
class PaymentsIntegrationTests {

    @Autowired
    PaymentAuthorizer payments;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate tx;

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
    void reportsServerErrorAsTransientAndRecordsNothing() {
        PaymentProviderStub.server().stubFor(PaymentProviderStub.authorization().atPriority(1)
                .willReturn(aResponse().withStatus(500)));

        assertTransientFailureLeavesNoTrace(request("40.00"));
    }

    @Test
    void reportsTimeoutAsTransientAndRecordsNothing() {
        PaymentProviderStub.server().stubFor(PaymentProviderStub.approving(PaymentProviderStub.authorization().atPriority(1))
                .willReturn(aResponse().withStatus(200).withFixedDelay(2_500)
                        .withHeader("Content-Type", "application/json").withBody("{\"status\":\"APPROVED\"}")));

        assertTransientFailureLeavesNoTrace(request("41.00"));
    }

    @Test
    void reportsConnectionResetAsTransientAndRecordsNothing() {
        PaymentProviderStub.server().stubFor(PaymentProviderStub.authorization().atPriority(1)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertTransientFailureLeavesNoTrace(request("42.00"));
    }

    @Test
    void asksProviderOnlyOncePerOrder() {
        PaymentRequest request = request("50.00");

        tx.executeWithoutResult(status -> payments.authorize(request));
        tx.executeWithoutResult(status -> payments.authorize(request));

        PaymentProviderStub.server().verify(1, postRequestedFor(urlPathEqualTo(PaymentProviderStub.AUTHORIZATIONS)));
        assertThat(statusOf(request)).isEqualTo("AUTHORIZED");
    }

    private void assertTransientFailureLeavesNoTrace(PaymentRequest request) {
        assertThatExceptionOfType(PaymentProviderUnavailableException.class)
                .isThrownBy(() -> tx.executeWithoutResult(status -> payments.authorize(request)));
        assertThat(jdbc.sql("select count(*) from payments.payment where order_id = :id")
                .param("id", request.orderId()).query(Long.class).single()).isZero();
    }

    private static PaymentRequest request(String amount) {
        return new PaymentRequest(UUID.randomUUID(), "pat@example.com", new BigDecimal(amount), "EUR");
    }

    private String statusOf(PaymentRequest request) {
        return jdbc.sql("select status from payments.payment where order_id = :id")
                .param("id", request.orderId()).query(String.class).single();
    }
}
