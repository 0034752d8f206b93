package io.ficus.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/**
 * Rules between deployables: extracted services never use the monolith's code, the gateway uses neither, the
 * monolith uses no service's code; and inside the gateway and each service, no package cycle.
 *
 * <p>Each rule checks every class under the system package, so it never passes vacuously before the first
 * service exists, and it covers each new service without being edited.
 */
public final class DeploymentBoundaryRules {

    private final Deployables deployables;

    public DeploymentBoundaryRules(Deployables deployables) {
        this.deployables = deployables;
    }

    public static final RuleText SERVICES_WITHOUT_MONOLITH = new RuleText(
            "extracted services do not depend on the monolith",
            "an extracted service is deployed, scaled and released without the monolith; compiling against monolith "
                    + "code drags the old coupling into it (share a contract, copy a DTO, or move the code to the service)");
    public static final RuleText SERVICES_APART = new RuleText("extracted services do not depend on each other",
            "services talk over their published HTTP or event contracts, never through each other's classes");
    public static final RuleText GATEWAY_ALONE = new RuleText(
            "the gateway depends on neither the monolith nor an extracted service",
            "the gateway routes HTTP to any backend by configuration; a compile-time dependency on a backend would tie "
                    + "its releases to that backend's");
    public static final RuleText MONOLITH_WITHOUT_SERVICES = new RuleText("the monolith depends on no extracted service",
            "the monolith reaches an extracted service over HTTP through its client class, so that either side can be "
                    + "released, rolled back or retired on its own");
    public static final RuleText SHARED_CODE_ALONE = new RuleText("shared infrastructure depends on no deployable",
            "shared infrastructure is on every deployable's classpath; if it used one deployable's code, every other "
                    + "deployable would carry that code with it");
    public static final RuleText NO_PACKAGE_CYCLES_IN_A_DEPLOYABLE = new RuleText(
            "no package cycles inside the gateway or an extracted service",
            "a cycle between a deployable's packages makes them one package in disguise: none can be read, tested or "
                    + "changed on its own, and cross-cutting code (edge, problem writing, settings) belongs in one "
                    + "package the feature packages depend on, never the reverse");

    public List<ArchRule> rules() {
        return List.of(extractedServicesNeverDependOnTheMonolith(), servicesNeverDependOnEachOther(),
                gatewayDependsOnNeitherTheMonolithNorAnyService(), monolithDependsOnNoService(),
                sharedCodeDependsOnNoDeployable(), noPackageCyclesInsideTheGatewayOrAService());
    }

    public ArchRule extractedServicesNeverDependOnTheMonolith() {
        return SERVICES_WITHOUT_MONOLITH.applyTo(boundary("an extracted service", deployables::isService, "the monolith",
                (origin, target) -> deployables.isMonolith(target)));
    }

    public ArchRule servicesNeverDependOnEachOther() {
        return SERVICES_APART.applyTo(boundary("an extracted service", deployables::isService, "another extracted service",
                (origin, target) -> deployables.isService(target)
                        && !deployables.deployableOf(target).equals(deployables.deployableOf(origin))));
    }

    public ArchRule gatewayDependsOnNeitherTheMonolithNorAnyService() {
        return GATEWAY_ALONE.applyTo(boundary("the gateway", deployables::isGateway, "the monolith or an extracted service",
                (origin, target) -> deployables.isMonolith(target) || deployables.isService(target)));
    }

    public ArchRule monolithDependsOnNoService() {
        return MONOLITH_WITHOUT_SERVICES.applyTo(boundary("the monolith", deployables::isMonolith, "an extracted service",
                (origin, target) -> deployables.isService(target)));
    }

    public ArchRule sharedCodeDependsOnNoDeployable() {
        return SHARED_CODE_ALONE.applyTo(boundary("shared infrastructure", deployables::isShared, "a deployable",
                (origin, target) -> deployables.deployableOf(target).isPresent()));
    }

    /**
     * No cycle between the packages of the gateway, nor between those of any one extracted service (the monolith's
     * packages are judged per module by the module rules). Each package is a slice named after its deployable, so
     * a report reads "Slice gateway: routing -> gateway: protection".
     */
    public ArchRule noPackageCyclesInsideTheGatewayOrAService() {
        return NO_PACKAGE_CYCLES_IN_A_DEPLOYABLE.applyTo(slices().assignedFrom(new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass type) {
                if (!deployables.isGateway(type) && !deployables.isService(type)) {
                    return SliceIdentifier.ignore();
                }
                String deployable = deployables.deployableOf(type).orElseThrow();
                String root = deployables.isGateway(type) ? deployables.gatewayPackage() : serviceRoot(type);
                String name = type.getPackageName();
                return SliceIdentifier.of(deployable + ": " + (name.equals(root) ? "(root)" : name.substring(root.length() + 1)));
            }

            @Override
            public String getDescription() {
                return "packages of the gateway and of each extracted service";
            }
        }).should().beFreeOfCycles());
    }

    private String serviceRoot(JavaClass type) {
        String rest = type.getPackageName().substring(deployables.servicesPackage().length() + 1);
        return deployables.servicesPackage() + "." + (rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest);
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
