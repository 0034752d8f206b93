package io.ficus.gateway.edge;

/** Raised while streaming a request body that grows past the configured limit. */
public class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException(long limit) {
        super("request body exceeds " + limit + " bytes", null, false, false);
    }
}
