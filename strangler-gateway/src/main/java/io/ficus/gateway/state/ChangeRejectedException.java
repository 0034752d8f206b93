package io.ficus.gateway.state;

import org.springframework.http.HttpStatus;

/** A stage change that was refused before anything was changed; carries the HTTP status to answer with. */
public class ChangeRejectedException extends RuntimeException {

    private final HttpStatus status;

    ChangeRejectedException(HttpStatus status, String detail) {
        super(detail, null, false, false);
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }
}
