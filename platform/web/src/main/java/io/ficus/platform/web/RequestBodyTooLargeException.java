package io.ficus.platform.web;

import java.io.IOException;

/**
 * Thrown while reading a body that turns out to be over {@code ficus.web.max-request-body}; whoever reads the body
 * (the hygiene filter, a message converter) lets it travel, and it is answered 413.
 */
class RequestBodyTooLargeException extends IOException {

    RequestBodyTooLargeException(long limit) {
        super("Request body exceeds the limit of " + limit + " bytes");
    }
}
