package io.ficus.architecture;

import java.util.Optional;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.domain.JavaConstructorCall;

/**
 * A synchronous call site from a class of one module into the API of another.
 *
 * @param access the call, with its origin member and source line
 * @param target the module called
 */
public record SynchronousCall(JavaAccess<?> access, String target) {

    /**
     * The calls from a class whose target is a service-like type of another, non-shared module; reading a record, an
     * enum, an event or an exception of another module is data, not a call into it, and a constructor calling its
     * superclass's constructor is inheritance, not a call.
     */
    public static Stream<SynchronousCall> from(JavaClass type, ModuleLayout layout) {
        Optional<String> origin = layout.moduleOf(type);
        if (origin.isEmpty()) {
            return Stream.empty();
        }
        return Stream.of(type.getMethodCallsFromSelf(), type.getConstructorCallsFromSelf(), type.getMethodReferencesFromSelf())
                .flatMap(accesses -> accesses.stream().map(access -> (JavaAccess<?>) access))
                .filter(access -> isService(access.getTargetOwner()) && !isSuperConstructorCall(type, access))
                .flatMap(access -> layout.moduleOf(access.getTargetOwner())
                        .filter(target -> !target.equals(origin.get()) && !layout.isShared(target))
                        .map(target -> new SynchronousCall(access, target)).stream());
    }

    private static boolean isSuperConstructorCall(JavaClass type, JavaAccess<?> access) {
        return access instanceof JavaConstructorCall && access.getOrigin() instanceof JavaConstructor
                && type.getRawSuperclass().filter(access.getTargetOwner()::equals).isPresent();
    }

    private static boolean isService(JavaClass owner) {
        return !owner.isRecord() && !owner.isEnum() && !owner.isAnnotation()
                && !owner.isAssignableTo(Throwable.class) && !EventTypes.isEvent(owner);
    }
}
