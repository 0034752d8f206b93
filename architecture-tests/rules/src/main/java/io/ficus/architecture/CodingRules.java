package io.ficus.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.List;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/** Coding rules for every class under a package: constructor injection only, no standard streams, no package cycles in a module. */
public final class CodingRules {

    public static final RuleText NO_FIELD_INJECTION = new RuleText("no field injection",
            "constructor injection only: an injected field hides a dependency, cannot be final, and leaves the object "
                    + "half-built in a plain unit test");
    public static final RuleText NO_METHOD_INJECTION = new RuleText("no setter or method injection",
            "constructor injection only: a setter or method injection point makes a dependency optional and mutable "
                    + "after construction");
    public static final RuleText NO_STANDARD_STREAMS = new RuleText("no System.out, System.err or printStackTrace",
            "output goes through the logger, which carries level, trace id and structure; System.out/err and "
                    + "printStackTrace bypass all three and are lost in production");
    public static final RuleText NO_PACKAGE_CYCLES_IN_A_MODULE = new RuleText("no module has a cycle between its own packages",
            "a cycle inside a module hides its structure: its API cannot be told from its internals, and no package of "
                    + "it can be understood or moved on its own");

    private final DescribedPredicate<JavaClass> scope;

    /** The rules for every imported class under the package (main and test classes alike, as imported). */
    public CodingRules(String rootPackage) {
        this(rootPackage, DescribedPredicate.alwaysTrue());
    }

    /** The rules for the imported classes under the package that also match the filter (e.g. only main code). */
    public CodingRules(String rootPackage, DescribedPredicate<? super JavaClass> filter) {
        this.scope = DescribedPredicate.describe("reside in " + rootPackage,
                type -> resideInAPackage(rootPackage + "..").test(type) && filter.test(type));
    }

    public List<ArchRule> rules() {
        return List.of(noFieldInjection(), noMethodInjection(), noStandardStreams());
    }

    public ArchRule noFieldInjection() {
        return NO_FIELD_INJECTION.applyTo(noFields().that().areDeclaredInClassesThat(scope)
                .should(GeneralCodingRules.BE_ANNOTATED_WITH_AN_INJECTION_ANNOTATION));
    }

    public ArchRule noMethodInjection() {
        return NO_METHOD_INJECTION.applyTo(noMethods().that().areDeclaredInClassesThat(scope)
                .should().beAnnotatedWith("org.springframework.beans.factory.annotation.Autowired")
                .orShould().beAnnotatedWith("jakarta.inject.Inject"));
    }

    public ArchRule noStandardStreams() {
        return NO_STANDARD_STREAMS.applyTo(noClasses().that(scope).should(GeneralCodingRules.ACCESS_STANDARD_STREAMS));
    }

    public ArchRule noCyclesBetweenAModulesOwnPackages(ModuleLayout layout) {
        return NO_PACKAGE_CYCLES_IN_A_MODULE.applyTo(
                CompositeArchRule.of(layout.modules().stream().map(module -> noPackageCyclesWithin(layout, module)).toList()));
    }

    /** The parameterised rule behind {@link #noCyclesBetweenAModulesOwnPackages(ModuleLayout)}. */
    public ArchRule noPackageCyclesWithin(ModuleLayout layout, String module) {
        String base = layout.packageOf(module);
        return slices().assignedFrom(new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass type) {
                if (!layout.moduleOf(type).filter(module::equals).isPresent()) {
                    return SliceIdentifier.ignore();
                }
                String name = type.getPackageName();
                return SliceIdentifier.of(name.equals(base) ? module + " (API)" : module + name.substring(base.length()));
            }

            @Override
            public String getDescription() {
                return "packages of module '" + module + "'";
            }
        }).should().beFreeOfCycles().because("the packages of module '" + module + "' must form a hierarchy");
    }
}
