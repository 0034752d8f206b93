package io.ficus.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.List;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/** Coding rules for every class under a package: constructor injection only, no standard streams, no package cycles in a module. */
public final class CodingRules {

    private final String rootPackage;

    public CodingRules(String rootPackage) {
        this.rootPackage = rootPackage;
    }

    public List<ArchRule> rules() {
        return List.of(noFieldInjection(), noMethodInjection(), noStandardStreams());
    }

    public ArchRule noFieldInjection() {
        return noFields().that().areDeclaredInClassesThat().resideInAPackage(rootPackage + "..")
                .should(GeneralCodingRules.BE_ANNOTATED_WITH_AN_INJECTION_ANNOTATION)
                .because("constructor injection only: an injected field hides a dependency, cannot be final, and "
                        + "leaves the object half-built in a plain unit test");
    }

    public ArchRule noMethodInjection() {
        return noMethods().that().areDeclaredInClassesThat().resideInAPackage(rootPackage + "..")
                .should().beAnnotatedWith("org.springframework.beans.factory.annotation.Autowired")
                .orShould().beAnnotatedWith("jakarta.inject.Inject")
                .because("constructor injection only: a setter or method injection point makes a dependency optional "
                        + "and mutable after construction");
    }

    public ArchRule noStandardStreams() {
        return noClasses().that().resideInAPackage(rootPackage + "..")
                .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
                .because("output goes through the logger, which carries level, trace id and structure; "
                        + "System.out/err and printStackTrace bypass all three and are lost in production");
    }

    public ArchRule noCyclesBetweenAModulesOwnPackages(ModuleLayout layout) {
        return CompositeArchRule.of(layout.modules().stream().map(module -> noPackageCyclesWithin(layout, module)).toList())
                .as("no module has a cycle between its own packages")
                .because("a cycle inside a module hides its structure: its API cannot be told from its internals, and "
                        + "no package of it can be understood or moved on its own");
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
