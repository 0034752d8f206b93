package io.ficus.shop.payments;

/** The payment provider could not give an answer this time; retrying later may succeed. */
public class PaymentProviderUnavailableException extends RuntimeException {

    public PaymentProviderUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
