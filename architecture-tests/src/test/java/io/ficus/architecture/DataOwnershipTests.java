package io.ficus.architecture;

import static io.ficus.architecture.FicusArchitecture.SHOP;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Each shop module's SQL, in its Flyway migrations and in its code, touches only its own schema. */
@AnalyzeClasses(packages = "io.ficus", importOptions = ImportOption.DoNotIncludeTests.class)
class DataOwnershipTests {

    @ArchTest
    static final ArchRule migrations_touch_only_their_modules_schema = SHOP.dataOwnership().migrationsTouchOnlyTheirModulesSchema();

    @ArchTest
    static final ArchRule no_foreign_key_crosses_schemas = SHOP.dataOwnership().noForeignKeyCrossesSchemas();

    @ArchTest
    static final ArchRule sql_in_code_touches_only_its_modules_schema = SHOP.dataOwnership().sqlInCodeTouchesOnlyItsModulesSchema();
}
