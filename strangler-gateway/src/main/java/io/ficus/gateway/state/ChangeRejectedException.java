package io.ficus.gateway.state;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.lang.Nullable;

/**
 * A stage change that was refused before anything was changed; carries the HTTP status to answer with and, for
 * refusals a client should tell apart, a problem type and title.
 */
public class ChangeRejectedException extends RuntimeException {

    /** Problem type of a stage a write route may not be at (canary, shadow). */
    public static final URI WRITE_ROUTE_STAGE = URI.create("urn:ficus:gateway:stage-not-allowed-for-write-route");

    private final HttpStatus status;
    private final URI type;
    private final String title;

    ChangeRejectedException(HttpStatus status, String detail) {
        this(status, null, null, detail);
    }

    ChangeRejectedException(HttpStatus status, @Nullable URI type, @Nullable String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    /** The problem type, or null for the default ({@code about:blank}). */
    @Nullable
    public URI type() {
        return type;
    }

    @Nullable
    public String title() {
        return title;
    }
}
