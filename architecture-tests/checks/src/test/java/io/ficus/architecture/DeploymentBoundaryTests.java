package io.ficus.architecture;

import static io.ficus.architecture.FicusArchitecture.DEPLOYABLES;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Deployables depend on no other deployable's code: services and gateway never on the shop, the shop on no service;
 * and the packages inside the gateway and each service form no cycle.
 */
@AnalyzeClasses(packages = "io.ficus", importOptions = ImportOption.DoNotIncludeTests.class)
class DeploymentBoundaryTests {

    private static final DeploymentBoundaryRules RULES = new DeploymentBoundaryRules(DEPLOYABLES);

    @ArchTest
    static final ArchRule extracted_services_never_depend_on_the_shop = RULES.extractedServicesNeverDependOnTheMonolith();

    @ArchTest
    static final ArchRule extracted_services_never_depend_on_each_other = RULES.servicesNeverDependOnEachOther();

    @ArchTest
    static final ArchRule the_gateway_depends_on_neither_the_shop_nor_any_service = RULES.gatewayDependsOnNeitherTheMonolithNorAnyService();

    @ArchTest
    static final ArchRule the_shop_depends_on_no_service = RULES.monolithDependsOnNoService();

    @ArchTest
    static final ArchRule shared_platform_code_depends_on_no_deployable = RULES.sharedCodeDependsOnNoDeployable();

    @ArchTest
    static final ArchRule no_package_cycles_inside_the_gateway_or_a_service = RULES.noPackageCyclesInsideTheGatewayOrAService();

    /** Without this the rules above could pass because a deployable's jar silently fell off the classpath. */
    @ArchTest
    static void every_deployable_of_the_repository_is_imported(JavaClasses classes) {
        Set<String> deployables = new TreeSet<>();
        classes.forEach(type -> DEPLOYABLES.deployableOf(type).ifPresent(deployables::add));

        assertThat(deployables).contains("monolith", "gateway", "service 'catalog'", "service 'notifications'");
    }
}
