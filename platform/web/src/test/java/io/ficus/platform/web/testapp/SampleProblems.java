package io.ficus.platform.web.testapp;

import io.ficus.platform.web.ProblemDetailsAdvice;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** An app's own advice: only its own exception, no base class; everything else is the shared advice's. */
@RestControllerAdvice
@Order(ProblemDetailsAdvice.APP_ADVICE_ORDER)
class SampleProblems {

    @ExceptionHandler(SampleController.PlantTaken.class)
    ProblemDetail taken(SampleController.PlantTaken ex) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
    }
}
