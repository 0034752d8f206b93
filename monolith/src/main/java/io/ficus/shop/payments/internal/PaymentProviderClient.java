package io.ficus.shop.payments.internal;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.ficus.shop.payments.PaymentRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Calls the provider's {@code POST /v1/authorizations} and, to learn the outcome of an earlier call whose answer
 * never came, {@code GET /v1/authorizations/{idempotency key}}. The key is derived from the order id, so a retry
 * after a lost answer never charges twice. A decline (a 2xx saying DECLINED, or 402) is a decision; 5xx,
 * timeouts and broken connections are transient and thrown as {@link ProviderUnavailableException}.
 */
class PaymentProviderClient {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final RestClient http;

    PaymentProviderClient(RestClient http) {
        this.http = http;
    }

    static String idempotencyKey(UUID orderId) {
        return "order-" + orderId;
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
                    .header(IDEMPOTENCY_KEY, idempotencyKey(request.orderId()))
                    .body(body)
                    .retrieve()
                    .body(AuthorizationResponse.class);
            return decisionOf(response);
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
            throw new ProviderUnavailableException("Payment provider unavailable: " + e.getMessage(), e);
        }
        catch (RestClientException e) {
            throw new ProviderUnavailableException("Payment provider sent an unreadable answer: " + e.getMessage(), e);
        }
    }

    /**
     * What the provider recorded for the order's idempotency key: empty when it has no record (404), that is,
     * the order was never charged.
     */
    Optional<ProviderDecision> outcomeOf(UUID orderId) {
        try {
            AuthorizationResponse response = http.get().uri("/v1/authorizations/{key}", idempotencyKey(orderId))
                    .accept(MediaType.APPLICATION_JSON)
                    .retrieve()
                    .body(AuthorizationResponse.class);
            return Optional.of(decisionOf(response));
        }
        catch (HttpClientErrorException.NotFound e) {
            return Optional.empty();
        }
        catch (HttpClientErrorException | HttpServerErrorException | ResourceAccessException e) {
            // Without a clear answer the order may have been charged: it must not be cancelled yet.
            throw new ProviderUnavailableException("Payment provider could not report the outcome: " + e.getMessage(), e);
        }
        catch (RestClientException e) {
            throw new ProviderUnavailableException("Payment provider sent an unreadable outcome: " + e.getMessage(), e);
        }
    }

    private static ProviderDecision decisionOf(AuthorizationResponse response) {
        if (response == null || response.status() == null) {
            throw new ProviderUnavailableException("Payment provider sent no decision", null);
        }
        return "APPROVED".equals(response.status())
                ? ProviderDecision.approved(response.id())
                : ProviderDecision.declined(reasonOf(response));
    }

    private static String reasonOf(AuthorizationResponse response) {
        return response.reason() == null || response.reason().isBlank() ? "Declined by the payment provider" : response.reason();
    }

    /** The provider's answer. */
    record AuthorizationResponse(String id, String status, String reason) {
    }
}
