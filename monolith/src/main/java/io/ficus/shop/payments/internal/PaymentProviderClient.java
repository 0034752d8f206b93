package io.ficus.shop.payments.internal;

import java.util.Map;

import io.ficus.shop.payments.PaymentProviderUnavailableException;
import io.ficus.shop.payments.PaymentRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Calls the provider's {@code POST /v1/authorizations}. The order id is the idempotency key, so a retry
 * after a lost answer never charges twice. A decline (a 2xx saying DECLINED, or 402) is a decision; 5xx,
 * timeouts and broken connections are transient and thrown as {@link PaymentProviderUnavailableException}.
 */
class PaymentProviderClient {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final RestClient http;

    PaymentProviderClient(RestClient http) {
        this.http = http;
    }

    ProviderDecision authorize(PaymentRequest request) {
        Map<String, String> body = Map.of(
                "reference", request.orderId().toString(),
                "amount", request.amount().toPlainString(),
                "currency", request.currency(),
                "customer", request.customer());
        try {
            AuthorizationResponse response = http.post().uri("/v1/authorizations")
                    .contentType(MediaType.APPLICATION_JSON)
                    .header(IDEMPOTENCY_KEY, "order-" + request.orderId())
                    .body(body)
                    .retrieve()
                    .body(AuthorizationResponse.class);
            if (response == null || response.status() == null) {
                throw new PaymentProviderUnavailableException("Payment provider sent no decision", null);
            }
            return "APPROVED".equals(response.status())
                    ? ProviderDecision.approved(response.id())
                    : ProviderDecision.declined(reasonOf(response));
        }
        catch (HttpClientErrorException e) {
            if (e.getStatusCode().isSameCodeAs(HttpStatus.PAYMENT_REQUIRED)) {
                AuthorizationResponse declined = e.getResponseBodyAs(AuthorizationResponse.class);
                return ProviderDecision.declined(declined == null ? "Declined by the payment provider" : reasonOf(declined));
            }
            // Our request was refused outright (4xx); retrying the same request cannot succeed.
            return ProviderDecision.declined("Payment provider rejected the request (HTTP " + e.getStatusCode().value() + ")");
        }
        catch (HttpServerErrorException | ResourceAccessException e) {
            throw new PaymentProviderUnavailableException("Payment provider unavailable: " + e.getMessage(), e);
        }
        catch (RestClientException e) {
            throw new PaymentProviderUnavailableException("Payment provider sent an unreadable answer: " + e.getMessage(), e);
        }
    }

    private static String reasonOf(AuthorizationResponse response) {
        return response.reason() == null || response.reason().isBlank() ? "Declined by the payment provider" : response.reason();
    }

    /** The provider's answer. */
    record AuthorizationResponse(String id, String status, String reason) {
    }
}
