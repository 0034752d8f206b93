package io.ficus.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import java.util.List;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/** Rules keeping a module's internals out of its public API: they stay package-private or in an internal package. */
public final class EncapsulationRules {

    private static final String REASON = " are a module's implementation: public in the module's API package they "
            + "become something other modules may use, and every such use must be undone before the module can change "
            + "or leave (a shared module's public types are its purpose and are not judged)";

    public static final RuleText ENTITIES = hidden("entities");
    public static final RuleText REPOSITORIES = hidden("repositories");
    public static final RuleText CONTROLLERS = hidden("controllers");
    public static final RuleText EVENT_LISTENERS = hidden("event listeners");
    public static final RuleText IMPLEMENTATIONS = hidden("implementations of a module's API");
    public static final RuleText LISTENER_METHODS = new RuleText("event listener methods are not public",
            "listener methods are called by the framework, never by other code; public, they invite a synchronous "
                    + "call that bypasses the event");

    private final ModuleLayout layout;

    EncapsulationRules(ModuleLayout layout) {
        this.layout = layout;
    }

    public List<ArchRule> rules() {
        return List.of(entitiesAreHidden(), repositoriesAreHidden(), controllersAreHidden(), eventListenersAreHidden(),
                implementationsAreHidden(), listenerMethodsAreNotPublic());
    }

    private static RuleText hidden(String role) {
        return new RuleText(role + " are not public in a module's API package", role + REASON);
    }

    public ArchRule entitiesAreHidden() {
        return ENTITIES.applyTo(roleIsHidden(ArchitecturalRoles.entities()));
    }

    public ArchRule repositoriesAreHidden() {
        return REPOSITORIES.applyTo(roleIsHidden(ArchitecturalRoles.repositories()));
    }

    public ArchRule controllersAreHidden() {
        return CONTROLLERS.applyTo(roleIsHidden(ArchitecturalRoles.controllers()));
    }

    public ArchRule eventListenersAreHidden() {
        return EVENT_LISTENERS.applyTo(roleIsHidden(ArchitecturalRoles.eventListeners()));
    }

    public ArchRule implementationsAreHidden() {
        return IMPLEMENTATIONS.applyTo(roleIsHidden(ArchitecturalRoles.apiImplementations(layout)));
    }

    public ArchRule listenerMethodsAreNotPublic() {
        return LISTENER_METHODS.applyTo(classes().that(layout.inAnyModule())
                .should(new ArchCondition<>("not declare public event listener methods") {
                    @Override
                    public void check(JavaClass type, ConditionEvents events) {
                        type.getMethods().stream()
                                .filter(method -> ArchitecturalRoles.isEventListener(method)
                                        && method.getModifiers().contains(JavaModifier.PUBLIC))
                                .forEach(method -> events.add(SimpleConditionEvent.violated(method, "Method <"
                                        + method.getFullName() + "> is a public event listener in "
                                        + method.getSourceCodeLocation())));
                    }
                }));
    }

    /**
     * The parameterised rule behind every role: classes of that role are not public in the API package of a
     * module that is not shared. It looks at every class of the modules, so a codebase without, say, controllers
     * passes instead of failing as an empty rule.
     */
    public ArchRule roleIsHidden(DescribedPredicate<JavaClass> isOfRole) {
        return classes().that(layout.inAnyModule())
                .should(new ArchCondition<>("be package-private or reside in an internal package of their module when they "
                        + isOfRole.getDescription()) {
                    @Override
                    public void check(JavaClass type, ConditionEvents events) {
                        if (type.getModifiers().contains(JavaModifier.PUBLIC) && layout.isInApiPackage(type)
                                && !layout.isShared(layout.moduleOf(type).orElseThrow()) && isOfRole.test(type)) {
                            events.add(SimpleConditionEvent.violated(type, "Class <" + type.getName() + "> is public in "
                                    + "the API package of module '" + layout.moduleOf(type).orElseThrow() + "' in "
                                    + type.getSourceCodeLocation()));
                        }
                    }
                });
    }
}
