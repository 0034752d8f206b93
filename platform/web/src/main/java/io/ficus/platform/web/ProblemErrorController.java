package io.ficus.platform.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Boot's error page: what the servlet container sends to {@code /error} (a TRACE it refused, a read that
 * timed out, an error outside Spring MVC) is answered as {@code application/problem+json} too, with the status's
 * own wording only: exception messages stay in the log.
 */
@RestController
@Hidden
class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request, HttpServletResponse response) {
        // the status already on the response wins: a filter that chose it (408 after a read timeout) is more precise
        // than the container's attribute, which says 500 whenever an exception travelled with the error
        Object code = response.getStatus() >= 400 ? response.getStatus() : request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.valueOf(value)
                : HttpStatus.INTERNAL_SERVER_ERROR;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detailFor(status));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static String detailFor(HttpStatus status) {
        return switch (status) {
            case REQUEST_TIMEOUT -> "The request body did not arrive in time (shorter than its Content-Length?)";
            case METHOD_NOT_ALLOWED -> "This method is not supported here";
            default -> status.getReasonPhrase();
        };
    }
}
