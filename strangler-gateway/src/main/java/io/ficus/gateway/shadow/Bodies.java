package io.ficus.gateway.shadow;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

import org.springframework.http.HttpHeaders;

/** Body helpers: undoing a content encoding before a comparison, and short previews for samples. */
final class Bodies {

    private Bodies() {
    }

    /**
     * The answer with a gzip or deflate body decoded (the caller may have asked for compression, and legacy and
     * the service may differ in whether they compress); too large when the decoded body exceeds {@code limit}.
     * Other encodings are left as they are and compared byte for byte.
     */
    static Answer decoded(Answer answer, int limit) {
        String encoding = answer.headers().getFirst(HttpHeaders.CONTENT_ENCODING);
        if (answer.tooLarge() || encoding == null || answer.body().length == 0) {
            return answer;
        }
        String name = encoding.trim().toLowerCase(Locale.ROOT);
        if (!name.equals("gzip") && !name.equals("x-gzip") && !name.equals("deflate")) {
            return answer;
        }
        HttpHeaders headers = HttpHeaders.copyOf(answer.headers());
        headers.remove(HttpHeaders.CONTENT_ENCODING);
        try (InputStream in = name.equals("deflate") ? new InflaterInputStream(new ByteArrayInputStream(answer.body()))
                : new GZIPInputStream(new ByteArrayInputStream(answer.body()))) {
            byte[] decoded = in.readNBytes(limit + 1);
            return decoded.length > limit ? Answer.tooLarge(answer.status(), headers)
                    : Answer.of(answer.status(), headers, decoded);
        }
        catch (IOException e) {
            // not what it claims to be: compare the bytes as they came
            return answer;
        }
    }

    /** The first {@code maxBytes} bytes of a body as UTF-8 text, with … appended when the body is longer. */
    static String preview(byte[] body, int maxBytes) {
        if (body.length <= maxBytes) {
            return new String(body, StandardCharsets.UTF_8);
        }
        return new String(body, 0, maxBytes, StandardCharsets.UTF_8) + "…";
    }
}
