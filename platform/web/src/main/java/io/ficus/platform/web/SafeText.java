package io.ficus.platform.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * Bean Validation for text that reached the app by another way than a request (a broker message, a file, a remote
 * answer): valid when {@link UntrustedText} accepts it; {@code null} is valid (combine with {@code @NotNull}).
 * Request bodies, query parameters and paths need no annotation: strict JSON and the hygiene filter check them.
 */
@Documented
@Constraint(validatedBy = SafeTextValidator.class)
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT,
        ElementType.TYPE_USE, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
public @interface SafeText {

    String message() default "contains a control or bidirectional control character";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
