package io.ficus.architecture;

import java.util.List;
import java.util.Set;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;

/**
 * Recognises event types from how code uses them: received by a listener method, instantiated where an event is
 * published, returned by {@code @DomainEvents}, or annotated as an event.
 */
public final class EventTypes {

    static final Set<String> PUBLISHING_METHODS = Set.of("publishEvent", "registerEvent");
    static final List<String> EVENT_ANNOTATIONS = List.of(
            "org.jmolecules.event.annotation.DomainEvent", "org.springframework.modulith.events.Externalized");
    static final String DOMAIN_EVENTS = "org.springframework.data.domain.DomainEvents";

    private EventTypes() {
    }

    public static DescribedPredicate<JavaClass> events() {
        return DescribedPredicate.describe("are events", EventTypes::isEvent);
    }

    public static boolean isEvent(JavaClass type) {
        return ArchitecturalRoles.annotatedWithAny(type, EVENT_ANNOTATIONS)
                || type.getMethodsWithParameterTypeOfSelf().stream().anyMatch(ArchitecturalRoles::isEventListener)
                || type.getConstructorCallsToSelf().stream().anyMatch(call -> publishesEvents(call.getOrigin()));
    }

    private static boolean publishesEvents(JavaCodeUnit method) {
        return method.isAnnotatedWith(DOMAIN_EVENTS) || method.getMethodCallsFromSelf().stream()
                .anyMatch(call -> PUBLISHING_METHODS.contains(call.getName()));
    }
}
