package io.ficus.gateway.routing;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import reactor.netty.channel.AbortedException;
import reactor.netty.http.client.PrematureCloseException;

import org.springframework.http.HttpStatus;
import org.springframework.lang.Nullable;
import org.springframework.web.server.ResponseStatusException;

/**
 * What went wrong between the gateway and a backend, as it happened. Only these count against a backend (errors,
 * circuit breaker); anything else (a client that went away, a request the gateway refused) does not.
 */
enum BackendFault {

    REFUSED(HttpStatus.BAD_GATEWAY, "connection to %s refused"),
    UNRESOLVED(HttpStatus.BAD_GATEWAY, "the address of %s cannot be resolved"),
    RESET(HttpStatus.BAD_GATEWAY, "connection to %s reset or closed before it answered"),
    TIMED_OUT(HttpStatus.GATEWAY_TIMEOUT, "%s did not answer in time");

    /**
     * Reactor Netty's message when a pooled connection to the backend closed before the request went out on it (a
     * backend killed between two requests); other aborts can be the caller's, which are not the backend's fault.
     */
    private static final String CLOSED_BEFORE_SEND = AbortedException.beforeSend().getMessage();

    private final HttpStatus status;
    private final String text;

    BackendFault(HttpStatus status, String text) {
        this.status = status;
        this.text = text;
    }

    HttpStatus status() {
        return status;
    }

    String describe(String backend) {
        return text.formatted(backend);
    }

    /** The fault an error of the backend call stands for, or null when the backend is not to blame. */
    @Nullable
    static BackendFault of(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ResponseStatusException status && status.getStatusCode().value() == 504
                    || t instanceof TimeoutException || t instanceof ConnectTimeoutException
                    || t instanceof ReadTimeoutException) {
                return TIMED_OUT;
            }
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return UNRESOLVED;
            }
            // native transports report a refusal as a plain IOException naming it
            if (t instanceof ConnectException
                    || t.getMessage() != null && t.getMessage().contains("Connection refused")) {
                return REFUSED;
            }
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof PrematureCloseException || t instanceof IOException
                    || t instanceof AbortedException && CLOSED_BEFORE_SEND.equals(t.getMessage())) {
                return RESET;
            }
        }
        return null;
    }
}
