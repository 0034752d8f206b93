package io.ficus.architecture;

import java.util.List;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;

/**
 * Recognises event types from how code uses them: received by a listener method, instantiated straight into
 * {@code publishEvent}/{@code registerEvent}, or annotated as an event.
 */
public final class EventTypes {

    static final List<String> EVENT_ANNOTATIONS = List.of(
            "org.jmolecules.event.annotation.DomainEvent", "org.springframework.modulith.events.Externalized");

    private EventTypes() {
    }

    public static DescribedPredicate<JavaClass> events() {
        return DescribedPredicate.describe("are events", EventTypes::isEvent);
    }

    public static boolean isEvent(JavaClass type) {
        return ArchitecturalRoles.annotatedWithAny(type, EVENT_ANNOTATIONS)
                || type.getMethodsWithParameterTypeOfSelf().stream().anyMatch(ArchitecturalRoles::isEventListener)
                || type.getConstructorCallsToSelf().stream()
                        .anyMatch(call -> PublishedEvents.publishedBy(call.getOriginOwner()).contains(type.getName()));
    }
}
