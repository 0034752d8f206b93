package io.ficus.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * Rules between deployables: extracted services never use the monolith's code, the gateway uses neither, the
 * monolith uses no service's code.
 *
 * <p>Each rule checks every class under the system package, so it never passes vacuously before the first
 * service exists, and it covers each new service without being edited.
 */
public final class DeploymentBoundaryRules {

    private final Deployables deployables;

    public DeploymentBoundaryRules(Deployables deployables) {
        this.deployables = deployables;
    }

    public List<ArchRule> rules() {
        return List.of(extractedServicesNeverDependOnTheMonolith(), servicesNeverDependOnEachOther(),
                gatewayDependsOnNeitherTheMonolithNorAnyService(), monolithDependsOnNoService(),
                sharedCodeDependsOnNoDeployable());
    }

    public ArchRule extractedServicesNeverDependOnTheMonolith() {
        return boundary("an extracted service", deployables::isService, "the monolith",
                (origin, target) -> deployables.isMonolith(target))
                .because("an extracted service is deployed, scaled and released without the monolith; compiling "
                        + "against monolith code drags the old coupling into it (share a contract, copy a DTO, or move "
                        + "the code to the service)");
    }

    public ArchRule servicesNeverDependOnEachOther() {
        return boundary("an extracted service", deployables::isService, "another extracted service",
                (origin, target) -> deployables.isService(target)
                        && !deployables.deployableOf(target).equals(deployables.deployableOf(origin)))
                .because("services talk over their published HTTP or event contracts, never through each other's "
                        + "classes");
    }

    public ArchRule gatewayDependsOnNeitherTheMonolithNorAnyService() {
        return boundary("the gateway", deployables::isGateway, "the monolith or an extracted service",
                (origin, target) -> deployables.isMonolith(target) || deployables.isService(target))
                .because("the gateway routes HTTP to any backend by configuration; a compile-time dependency on a "
                        + "backend would tie its releases to that backend's");
    }

    public ArchRule monolithDependsOnNoService() {
        return boundary("the monolith", deployables::isMonolith, "an extracted service",
                (origin, target) -> deployables.isService(target))
                .because("the monolith reaches an extracted service over HTTP through its client class, so that "
                        + "either side can be released, rolled back or retired on its own");
    }

    public ArchRule sharedCodeDependsOnNoDeployable() {
        return boundary("shared infrastructure", deployables::isShared, "a deployable",
                (origin, target) -> deployables.deployableOf(target).isPresent())
                .because("shared infrastructure is on every deployable's classpath; if it used one deployable's code, "
                        + "every other deployable would carry that code with it");
    }

    private ArchRule boundary(String originName, Predicate<JavaClass> isOrigin, String targetName,
            BiPredicate<JavaClass, JavaClass> isForbiddenTarget) {
        return classes().that().resideInAPackage(deployables.systemPackage() + "..")
                .should(new ArchCondition<>("not depend on " + targetName + " when they belong to " + originName) {
                    @Override
                    public void check(JavaClass type, ConditionEvents events) {
                        if (!isOrigin.test(type)) {
                            return;
                        }
                        for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
                            if (isForbiddenTarget.test(type, dependency.getTargetClass())) {
                                events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()
                                        + ": " + deployables.deployableOf(type).orElse(originName) + " depends on "
                                        + deployables.deployableOf(dependency.getTargetClass()).orElse(targetName)));
                            }
                        }
                    }
                });
    }
}
