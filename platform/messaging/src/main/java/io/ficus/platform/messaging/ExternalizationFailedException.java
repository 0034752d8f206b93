package io.ficus.platform.messaging;

/** The broker did not take an externalized event (refused, returned, unreachable or no confirm in time). */
public class ExternalizationFailedException extends RuntimeException {

    ExternalizationFailedException(String message) {
        super(message);
    }

    ExternalizationFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
