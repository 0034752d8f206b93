package io.ficus.gateway.shadow;

import java.nio.ByteBuffer;
import java.util.Arrays;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;

/**
 * Copies legacy's answer to a shadowed request as it streams to the caller, up to the route's compare limit, and
 * hands it over once the caller's response is complete. Copies nothing once deactivated (its copy will not be
 * sent). The bytes of one response arrive in order on one event loop, so only the hand-over is synchronized.
 */
final class AnswerCapture {

    /** Created on activation: most captures of a busy route stay inactive (their copy was dropped). */
    private volatile Sinks.One<Answer> answer;
    private volatile int limit = -1;
    private int status;
    private HttpHeaders headers;
    private byte[] bytes = Answer.NO_BODY;
    private int size;
    private boolean tooLarge;
    private boolean streaming;

    /** Starts copying, at most {@code limit} bytes of body. */
    void activate(int limit) {
        this.answer = Sinks.one();
        this.limit = limit;
    }

    /** The copy will not be sent: copy nothing, hand over nothing. */
    void deactivate() {
        this.limit = -1;
    }

    boolean active() {
        return limit >= 0;
    }

    /**
     * legacy's answer, or an {@link Abandoned} error when the caller's response did not complete normally; only
     * after {@link #activate}.
     */
    Mono<Answer> answer() {
        return answer.asMono();
    }

    void started(HttpStatusCode statusCode, HttpHeaders responseHeaders) {
        this.status = statusCode == null ? 200 : statusCode.value();
        this.headers = responseHeaders;
    }

    /** A streaming answer (server-sent events and the like) has no end to compare. */
    void streaming() {
        this.streaming = true;
    }

    void append(DataBuffer buffer) {
        int count = buffer.readableByteCount();
        if (tooLarge || count == 0) {
            return;
        }
        if (size + count > limit) {
            tooLarge = true;
            bytes = Answer.NO_BODY;
            return;
        }
        if (size + count > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.min(limit, Math.max(size + count, Math.max(1024, bytes.length * 2))));
        }
        // copies without moving the buffer's read position: the caller's write still sees every byte
        buffer.toByteBuffer(buffer.readPosition(), ByteBuffer.wrap(bytes), size, count);
        size += count;
    }

    /** The caller's exchange ended; {@code completed} is false when it was cancelled or failed. */
    void finish(boolean completed) {
        Sinks.One<Answer> answer = this.answer;
        if (!active() || answer == null) {
            return;
        }
        if (!completed || streaming || headers == null) {
            answer.tryEmitError(new Abandoned());
            return;
        }
        HttpHeaders copy = HttpHeaders.copyOf(headers);
        if (tooLarge) {
            answer.tryEmitValue(Answer.tooLarge(status, copy));
        }
        else {
            // completed normally: the whole body went through append() (none for HEAD or setComplete())
            answer.tryEmitValue(Answer.of(status, copy, Arrays.copyOf(bytes, size)));
        }
    }

    /** legacy's answer could not be captured whole: the caller went away, or it streams. */
    static final class Abandoned extends RuntimeException {

        Abandoned() {
            super("legacy's answer was not captured whole", null, false, false);
        }
    }
}
