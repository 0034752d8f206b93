package io.ficus.architecture;

import static io.ficus.architecture.FicusArchitecture.SHOP;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Every deployable uses constructor injection and the logger; no shop module has a package cycle. */
@AnalyzeClasses(packages = "io.ficus", importOptions = ImportOption.DoNotIncludeTests.class)
class CodingRulesTests {

    private static final CodingRules EVERY_DEPLOYABLE = new CodingRules("io.ficus");

    @ArchTest
    static final ArchRule no_field_injection = EVERY_DEPLOYABLE.noFieldInjection();

    @ArchTest
    static final ArchRule no_setter_or_method_injection = EVERY_DEPLOYABLE.noMethodInjection();

    @ArchTest
    static final ArchRule no_system_out_or_print_stack_trace = EVERY_DEPLOYABLE.noStandardStreams();

    @ArchTest
    static final ArchRule no_cycles_between_a_modules_own_packages = SHOP.coding().noCyclesBetweenAModulesOwnPackages(SHOP.layout());
}
