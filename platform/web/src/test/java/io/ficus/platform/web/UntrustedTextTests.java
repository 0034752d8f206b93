package io.ficus.platform.web;

import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The rule for outside text, directly and as the {@link SafeText} constraint. */
class UntrustedTextTests {

    private final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

    @ParameterizedTest
    @ValueSource(strings = { "\u0000", "\u0001", "\u001b", "\u007f", "\u0085", "\u009f" })
    void controlCharactersAreRefusedNamingTheCodePoint(String bad) {
        assertThat(UntrustedText.problemIn("a" + bad + "b"))
                .contains("contains a control character (U+%04X)".formatted((int) bad.charAt(0)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "\u061c", "\u200e", "\u200f", "\u202a", "\u202e", "\u2066", "\u2069" })
    void bidirectionalControlsAreRefused(String bad) {
        assertThat(UntrustedText.problemIn(bad + "x")).hasValueSatisfying(
                problem -> assertThat(problem).startsWith("contains a bidirectional control character"));
    }

    @Test
    void ordinaryTextWithTabsNewlinesAndAnyScriptIsAccepted() {
        assertThat(UntrustedText.isAcceptable("Ficus lyrata\tFeige\r\nفيكس 榕树 🌿")).isTrue();
    }

    @Test
    void safeTextValidatesWithTheRulesReason() {
        Set<ConstraintViolation<Label>> violations = validator.validate(new Label("Fig\u202e"));
        assertThat(violations).singleElement().satisfies(violation -> {
            assertThat(violation.getPropertyPath()).hasToString("text");
            assertThat(violation.getMessage()).isEqualTo("contains a bidirectional control character (U+202E)");
        });
        assertThat(validator.validate(new Label("Fig"))).isEmpty();
        assertThat(validator.validate(new Label(null))).isEmpty();
    }

    record Label(@SafeText String text) {
    }
}
