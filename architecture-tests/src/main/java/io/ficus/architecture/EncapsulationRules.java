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
            + "or leave";

    private final ModuleLayout layout;

    EncapsulationRules(ModuleLayout layout) {
        this.layout = layout;
    }

    public List<ArchRule> rules() {
        return List.of(entitiesAreHidden(), repositoriesAreHidden(), controllersAreHidden(), eventListenersAreHidden(),
                implementationsAreHidden(), listenerMethodsAreNotPublic());
    }

    public ArchRule entitiesAreHidden() {
        return roleIsHidden("entities", ArchitecturalRoles.entities());
    }

    public ArchRule repositoriesAreHidden() {
        return roleIsHidden("repositories", ArchitecturalRoles.repositories());
    }

    public ArchRule controllersAreHidden() {
        return roleIsHidden("controllers", ArchitecturalRoles.controllers());
    }

    public ArchRule eventListenersAreHidden() {
        return roleIsHidden("event listeners", ArchitecturalRoles.eventListeners());
    }

    public ArchRule implementationsAreHidden() {
        return roleIsHidden("implementations of a module's API", ArchitecturalRoles.apiImplementations(layout));
    }

    public ArchRule listenerMethodsAreNotPublic() {
        return classes().that(layout.inAnyModule())
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
                })
                .because("listener methods are called by the framework, never by other code; public, they invite "
                        + "a synchronous call that bypasses the event");
    }

    /**
     * The parameterised rule behind every role: classes of that role are not public in a module's API package.
     * It looks at every class of the modules, so a codebase without, say, controllers passes instead of failing
     * as an empty rule.
     */
    public ArchRule roleIsHidden(String role, DescribedPredicate<JavaClass> isOfRole) {
        return classes().that(layout.inAnyModule())
                .should(new ArchCondition<>("be package-private or reside in an internal package of their module when they "
                        + isOfRole.getDescription()) {
                    @Override
                    public void check(JavaClass type, ConditionEvents events) {
                        if (type.getModifiers().contains(JavaModifier.PUBLIC) && layout.isInApiPackage(type)
                                && isOfRole.test(type)) {
                            events.add(SimpleConditionEvent.violated(type, "Class <" + type.getName() + "> is public in "
                                    + "the API package of module '" + layout.moduleOf(type).orElseThrow() + "' in "
                                    + type.getSourceCodeLocation()));
                        }
                    }
                })
                .because(role + REASON);
    }
}
