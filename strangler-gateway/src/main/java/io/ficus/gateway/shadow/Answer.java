package io.ficus.gateway.shadow;

import org.springframework.http.HttpHeaders;

/**
 * One side's answer as far as it is compared: status, headers and the body bytes as received (still
 * content-encoded), or no bytes when the body was larger than the route's compare limit.
 */
record Answer(int status, HttpHeaders headers, byte[] body, boolean tooLarge) {

    static final byte[] NO_BODY = new byte[0];

    static Answer of(int status, HttpHeaders headers, byte[] body) {
        return new Answer(status, headers, body, false);
    }

    static Answer tooLarge(int status, HttpHeaders headers) {
        return new Answer(status, headers, NO_BODY, true);
    }
}
