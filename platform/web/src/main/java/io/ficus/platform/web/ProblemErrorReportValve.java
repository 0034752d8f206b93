package io.ficus.platform.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers the errors Tomcat raises before Spring MVC sees a request (an oversize header block, an unparsable
 * request line) as {@code application/problem+json} instead of Tomcat's HTML page. An oversize header block
 * becomes 431, its proper status.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        String message = response.getMessage();
        if (status == 400 && isHeaderOverflow(message, throwable)) {
            status = HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE.value();
            response.setStatus(status);
            message = "Request headers exceed the server's limit";
        }
        HttpStatus known = HttpStatus.resolve(status);
        String title = known != null ? known.getReasonPhrase() : "Error";
        String detail = message == null || message.isBlank() || message.equals(title)
                ? (status == 400 ? "Invalid request line or URI" : title)
                : message;
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                Map<String, Object> problem = new LinkedHashMap<>();
                problem.put("type", "about:blank");
                problem.put("title", title);
                problem.put("status", status);
                problem.put("detail", detail);
                JSON.writeValue(writer, problem);
                response.finishResponse();
            }
        }
        catch (IOException | RuntimeException e) {
            // The client is gone or the response was committed meanwhile: nothing left to tell it.
        }
    }

    private static boolean isHeaderOverflow(String message, Throwable throwable) {
        String text = (message == null ? "" : message) + (throwable == null ? "" : " " + throwable.getMessage());
        return text.toLowerCase().contains("header") && text.toLowerCase().contains("too large");
    }
}
