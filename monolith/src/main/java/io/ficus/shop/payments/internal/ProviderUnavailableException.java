package io.ficus.shop.payments.internal;

/** The payment provider could not give an answer this time (5xx, timeout, broken connection); a later call may. */
class ProviderUnavailableException extends RuntimeException {

    ProviderUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
