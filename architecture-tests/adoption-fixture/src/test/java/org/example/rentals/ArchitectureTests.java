package org.example.rentals;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import io.ficus.architecture.ModularMonolithDocs;
import io.ficus.architecture.ModularMonolithRules;

@AnalyzeClasses(packagesOf = RentalsApplication.class)
class ArchitectureTests {

    @ArchTest
    static final ArchTests modular_monolith_rules = ArchTests.in(ModularMonolithRules.class);

    @ArchTest
    static final ArchTests module_documentation = ArchTests.in(ModularMonolithDocs.class);
}
