package io.ficus.shop.system;

import io.ficus.platform.web.ProblemDetailsAdvice;
import io.ficus.shop.DomainException;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The one place where a module's refusal becomes an HTTP status; the message is the module's own wording. Every
 * other error (Spring MVC's, refused JSON, oversize bodies, the unforeseen) is answered by ficus-web's shared
 * {@link ProblemDetailsAdvice}, which comes after this one.
 */
@RestControllerAdvice
@Order(ProblemDetailsAdvice.APP_ADVICE_ORDER)
class DomainProblems {

    @ExceptionHandler(DomainException.class)
    ProblemDetail handleDomain(DomainException ex) {
        HttpStatus status = switch (ex.kind()) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_CONTENT;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
        return ProblemDetail.forStatusAndDetail(status, ex.getMessage());
    }
}
