package io.ficus.architecture;

import static io.ficus.architecture.FicusArchitecture.SHOP;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The shop's modules stay apart: Modulith verification, no internals, no cycles, calls only through clients. */
@AnalyzeClasses(packages = "io.ficus", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleIsolationTests {

    @ArchTest
    static final ArchRule modules_pass_spring_modulith_verification = SHOP.isolation().modulesPassSpringModulithVerification();

    @ArchTest
    static final ArchRule no_module_depends_on_another_modules_internal_types = SHOP.isolation().noModuleDependsOnAnotherModulesInternals();

    @ArchTest
    static final ArchRule modules_are_free_of_cycles = SHOP.isolation().modulesAreFreeOfCycles();

    @ArchTest
    static final ArchRule synchronous_calls_go_only_through_the_consumers_client = SHOP.isolation().synchronousCallsGoThroughTheConsumersClient();
}
