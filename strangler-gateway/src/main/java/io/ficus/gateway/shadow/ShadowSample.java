package io.ficus.gateway.shadow;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One mismatching exchange as the admin API shows it: the request, where the answers differ, and both answers
 * (configured headers redacted, bodies cut at the route's sample limit).
 */
public record ShadowSample(Instant at, String method, String path, List<Difference> differences,
        AnswerView legacy, AnswerView service) {

    /**
     * @param bodyTruncated true when {@code body} is cut (or the body was too large to keep)
     */
    public record AnswerView(int status, Map<String, String> headers, String body, boolean bodyTruncated) {
    }
}
