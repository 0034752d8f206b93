package io.ficus.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.all;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.AbstractClassesTransformer;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.springframework.modulith.core.ApplicationModules;

/** Rules that keep modules apart: Spring Modulith's verification, no reaching into internals, no cycles, one client per call path. */
public final class ModuleIsolationRules {

    private final ModuleLayout layout;

    ModuleIsolationRules(ModuleLayout layout) {
        this.layout = layout;
    }

    public static final RuleText SPRING_MODULITH_VERIFICATION = new RuleText("modules pass Spring Modulith's verification",
            "modules may only use each other's exposed API, only along the dependencies they declare in "
                    + "@ApplicationModule(allowedDependencies), and never in a cycle; otherwise no module can be "
                    + "tested, changed or extracted on its own");
    public static final RuleText NO_INTERNALS = new RuleText("no module depends on another module's internal types",
            "a module's sub-packages are its implementation; depending on them couples the caller to details the owner "
                    + "must stay free to change, and breaks when the owner is extracted (an open module, "
                    + "@ApplicationModule(type = Type.OPEN), has no internals)");
    public static final RuleText NO_MODULE_CYCLES = new RuleText("modules are free of cycles",
            "a cycle between modules makes them one module in disguise: neither can be built, tested or extracted "
                    + "without the other");
    public static final RuleText CALLS_THROUGH_CLIENTS = new RuleText(
            "synchronous calls into another module go only through the consumer's client class for it",
            "the one client class per consumer and target is the seam that becomes an HTTP client when the target is "
                    + "extracted (branch by abstraction); calls scattered elsewhere multiply that work. Only calls count: "
                    + "extending another module's class, or holding its types in fields and parameters, is a type "
                    + "dependency (Spring Modulith's verification judges it), and a shared module "
                    + "(@Modulithic(sharedModules)) is a kernel each module and each extracted service takes along, "
                    + "so using it is no call across a boundary");

    public List<ArchRule> rules() {
        return List.of(modulesPassSpringModulithVerification(), noModuleDependsOnAnotherModulesInternals(),
                modulesAreFreeOfCycles(), synchronousCallsGoThroughTheConsumersClient());
    }

    /** Spring Modulith's own verification: cycles, access to non-exposed types, undeclared dependencies; and the module list. */
    public ArchRule modulesPassSpringModulithVerification() {
        return SPRING_MODULITH_VERIFICATION.applyTo(all(applicationModules()).should(passSpringModulithVerification()));
    }

    public ArchRule noModuleDependsOnAnotherModulesInternals() {
        return NO_INTERNALS.applyTo(CompositeArchRule.of(layout.modules().stream().map(this::noOtherModuleDependsOnInternalsOf).toList()));
    }

    /** The parameterised rule behind {@link #noModuleDependsOnAnotherModulesInternals()}. */
    public ArchRule noOtherModuleDependsOnInternalsOf(String module) {
        return noClasses().that(layout.inAnyModule()).and(not(layout.inModule(module)))
                .should().dependOnClassesThat(layout.internalTo(module))
                .because("the internals of module '" + module + "' are private to it");
    }

    public ArchRule modulesAreFreeOfCycles() {
        return NO_MODULE_CYCLES.applyTo(slices().assignedFrom(moduleSlices()).should().beFreeOfCycles());
    }

    public ArchRule synchronousCallsGoThroughTheConsumersClient() {
        return CALLS_THROUGH_CLIENTS.applyTo(CompositeArchRule.of(layout.modules().stream()
                .filter(module -> !layout.isShared(module)).map(this::synchronousCallsFromGoThroughClients).toList()));
    }

    /** The parameterised rule behind {@link #synchronousCallsGoThroughTheConsumersClient()}. */
    public ArchRule synchronousCallsFromGoThroughClients(String module) {
        return classes().that(layout.inModule(module))
                .should(new SynchronousCallCondition(layout, module))
                .because("module '" + module + "' calls other modules only through its client classes");
    }

    private SliceAssignment moduleSlices() {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass type) {
                return layout.moduleOf(type).map(SliceIdentifier::of).orElse(SliceIdentifier.ignore());
            }

            @Override
            public String getDescription() {
                return "modules of " + layout.basePackage();
            }
        };
    }

    private AbstractClassesTransformer<ApplicationModules> applicationModules() {
        return new AbstractClassesTransformer<>("the application modules of " + layout.basePackage()) {
            @Override
            public Iterable<ApplicationModules> doTransform(JavaClasses collection) {
                return List.of(layout.applicationModules());
            }
        };
    }

    private ArchCondition<ApplicationModules> passSpringModulithVerification() {
        return new ArchCondition<>("pass Spring Modulith's verification and match the declared module list") {
            @Override
            public void check(ApplicationModules modules, ConditionEvents events) {
                modules.detectViolations().getMessages()
                        .forEach(message -> events.add(SimpleConditionEvent.violated(modules, message)));
                Set<String> found = layout.detectedModules();
                if (!found.equals(new TreeSet<>(layout.modules()))) {
                    events.add(SimpleConditionEvent.violated(modules, "Spring Modulith finds the modules " + found
                            + " in " + layout.basePackage() + " but the rules were given " + layout.modules()));
                }
            }
        };
    }
}
