package io.ficus.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/** Reports each call from a class of one module into another module's API unless the caller is the consumer's client for that module. */
final class SynchronousCallCondition extends ArchCondition<JavaClass> {

    private final ModuleLayout layout;
    private final String module;

    SynchronousCallCondition(ModuleLayout layout, String module) {
        super("call other modules only from the client class named for the target (e.g. "
                + layout.clientNaming().apply("catalog") + ")");
        this.layout = layout;
        this.module = module;
    }

    @Override
    public void check(JavaClass type, ConditionEvents events) {
        SynchronousCall.from(type, layout)
                .filter(call -> !call.target().equals(module))
                .filter(call -> !type.getSimpleName().equals(layout.clientNaming().apply(call.target())))
                .forEach(call -> events.add(SimpleConditionEvent.violated(type, call.access().getDescription()
                        + ": synchronous calls from module '" + module + "' into module '" + call.target()
                        + "' belong in " + layout.clientNaming().apply(call.target()))));
    }
}
