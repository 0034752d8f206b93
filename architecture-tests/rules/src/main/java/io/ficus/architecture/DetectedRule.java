package io.ficus.architecture;

import java.util.function.Function;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;

/**
 * A rule built when it is evaluated, from the architecture detected in the analysed classes, and checked against
 * the adopter's frozen baseline ({@link Baseline}).
 */
final class DetectedRule implements ArchRule {

    private final String description;
    private final Function<ModularArchitecture, ArchRule> factory;

    DetectedRule(RuleText text, Function<ModularArchitecture, ArchRule> factory) {
        this(text.description(), factory);
    }

    private DetectedRule(String description, Function<ModularArchitecture, ArchRule> factory) {
        this.description = description;
        this.factory = factory;
    }

    @Override
    public EvaluationResult evaluate(JavaClasses classes) {
        return Baseline.evaluate(factory.apply(ModularArchitecture.detect(classes)), classes);
    }

    @Override
    public void check(JavaClasses classes) {
        Assertions.assertNoViolation(evaluate(classes));
    }

    @Override
    public ArchRule because(String reason) {
        return new DetectedRule(description + ", because " + reason, factory.andThen(rule -> rule.because(reason)));
    }

    @Override
    public ArchRule allowEmptyShould(boolean allowEmptyShould) {
        return new DetectedRule(description, factory.andThen(rule -> rule.allowEmptyShould(allowEmptyShould)));
    }

    @Override
    public ArchRule as(String newDescription) {
        return new DetectedRule(newDescription, factory.andThen(rule -> rule.as(newDescription)));
    }

    @Override
    public String getDescription() {
        return description;
    }

    @Override
    public String toString() {
        return description;
    }
}
