package io.ficus.platform.web;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses, before any controller or parser sees it, what no endpoint of a Ficus app accepts: TRACE (405), multipart
 * bodies (415), a query or path that is not percent-encoded UTF-8 or holds text {@link UntrustedText} refuses
 * (400 naming the parameter), a JSON body that is not strict UTF-8 (overlong forms included, 400), and a body
 * that stops arriving before its declared length (408 once the connector's read timeout passes).
 */
class RequestHygieneFilter extends OncePerRequestFilter {

    private final JsonMapper jsonMapper;

    RequestHygieneFilter(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if ("TRACE".equals(request.getMethod()) || "TRACK".equals(request.getMethod())) {
            response.setHeader("Allow", "GET, HEAD, POST, PUT, DELETE, OPTIONS");
            write(request, response, HttpStatus.METHOD_NOT_ALLOWED, "Method " + request.getMethod() + " is not supported", null);
            return;
        }
        String contentType = request.getContentType();
        if (contentType != null && contentType.toLowerCase().startsWith("multipart/")) {
            write(request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type '" + contentType + "' is not supported; send application/json", null);
            return;
        }
        Optional<Problem> problem = problemInQuery(request.getQueryString()).or(() -> problemInPath(request.getRequestURI()));
        if (problem.isPresent()) {
            write(request, response, HttpStatus.BAD_REQUEST, problem.get().detail(), problem.get().field());
            return;
        }
        if (!hasJsonBody(request)) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body;
        try {
            body = request.getInputStream().readAllBytes();
        }
        catch (IOException e) {
            if (causedBy(e, RequestBodyTooLargeException.class)) {
                response.setHeader("Connection", "close");
                write(request, response, HttpStatus.CONTENT_TOO_LARGE, e.getMessage(), null);
                return;
            }
            if (causedBy(e, SocketTimeoutException.class)) {
                // Tomcat has put the request in its error state: the answer is written and committed at once, so its
                // error page finds the response committed and adds nothing; the connection is closed after it.
                response.setHeader("Connection", "close");
                write(request, response, HttpStatus.REQUEST_TIMEOUT,
                        "The request body did not arrive in time (shorter than its Content-Length?)", null);
                response.flushBuffer();
                return;
            }
            throw e;
        }
        if (!isStrictUtf8(body)) {
            write(request, response, HttpStatus.BAD_REQUEST, "The request body is not valid UTF-8", "body");
            return;
        }
        chain.doFilter(new BufferedBodyRequest(request, body), response);
    }

    private static boolean hasJsonBody(HttpServletRequest request) {
        String contentType = request.getContentType();
        if (contentType == null || (request.getContentLengthLong() <= 0 && request.getHeader("Transfer-Encoding") == null)) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return MediaType.APPLICATION_JSON.isCompatibleWith(type) || type.getSubtype().endsWith("+json");
        }
        catch (RuntimeException e) {
            return false;
        }
    }

    private static Optional<Problem> problemInQuery(String query) {
        if (query == null || query.isEmpty()) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String rawName = eq < 0 ? pair : pair.substring(0, eq);
            String rawValue = eq < 0 ? "" : pair.substring(eq + 1);
            Optional<String> name = decode(rawName, true);
            String field = name.map(n -> n.replaceAll("[^A-Za-z0-9_.\\-\\[\\]]", "?")).orElse("?");
            if (name.isEmpty()) {
                return Optional.of(new Problem("query", "A query parameter name is not valid percent-encoded UTF-8"));
            }
            Optional<String> value = decode(rawValue, true);
            if (value.isEmpty()) {
                return Optional.of(new Problem(field, "Query parameter '" + field + "' is not valid percent-encoded UTF-8"));
            }
            Optional<String> refused = UntrustedText.problemIn(name.get()).or(() -> UntrustedText.problemIn(value.get()));
            if (refused.isPresent()) {
                return Optional.of(new Problem(field, "Query parameter '" + field + "' " + refused.get()));
            }
        }
        return Optional.empty();
    }

    private static Optional<Problem> problemInPath(String rawPath) {
        Optional<String> path = decode(rawPath, false);
        if (path.isEmpty()) {
            return Optional.of(new Problem("path", "The path is not valid percent-encoded UTF-8"));
        }
        return UntrustedText.problemIn(path.get()).map(problem -> new Problem("path", "The path " + problem));
    }

    /** Percent-decodes strictly: a broken escape or bytes that are not UTF-8 give empty. */
    private static Optional<String> decode(String raw, boolean plusIsSpace) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return Optional.empty();
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return Optional.empty();
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            }
            else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            }
            else if (c > 0x7F) {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
            else {
                bytes.write(c);
            }
        }
        return strictUtf8(bytes.toByteArray());
    }

    private static boolean isStrictUtf8(byte[] body) {
        return strictUtf8(body).isPresent();
    }

    /** The JDK's decoder set to REPORT refuses malformed and overlong sequences and lone surrogates. */
    private static Optional<String> strictUtf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
        }
        catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail,
            String field) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(URI.create(ProblemInstance.of(request)));
        if (field != null) {
            problem.setTitle("Invalid request");
            problem.setProperty("errors", List.of(new FieldProblem(field, detail)));
        }
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        jsonMapper.writeValue(response.getOutputStream(), problem);
    }

    /** Where the request was refused and why. */
    private record Problem(String field, String detail) {
    }

    /** The request with its body already read (and checked), served again from memory. */
    private static final class BufferedBodyRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        BufferedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }
            };
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
