package io.ficus.gateway.login;

import org.springframework.http.HttpStatus;

/**
 * A browser login that did not complete, with the status and the reason to show the browser; {@code retryAfter} (in
 * seconds, 0 for none) when the issuer could not be reached. Each login path turns it into a problem of its own port.
 */
public final class LoginRefused extends RuntimeException {

    private final HttpStatus status;
    private final long retryAfter;

    LoginRefused(HttpStatus status, String detail) {
        this(status, detail, 0, null);
    }

    LoginRefused(HttpStatus status, String detail, long retryAfter, Throwable cause) {
        super(detail, cause, false, false);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public HttpStatus status() {
        return status;
    }

    public long retryAfter() {
        return retryAfter;
    }
}
