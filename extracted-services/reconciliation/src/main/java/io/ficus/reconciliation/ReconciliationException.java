package io.ficus.reconciliation;

/** The comparison could not be made: an endpoint was unreachable or answered something that is not an export. */
public class ReconciliationException extends RuntimeException {

    public ReconciliationException(String message) {
        super(message);
    }

    public ReconciliationException(String message, Throwable cause) {
        super(message, cause);
    }
}
