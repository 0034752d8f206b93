package io.ficus.services.notifications.events;

/** A message that can never become a notification (not JSON, unknown kind, a field missing). */
class PoisonMessageException extends RuntimeException {

    PoisonMessageException(String message) {
        super(message);
    }

    PoisonMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
