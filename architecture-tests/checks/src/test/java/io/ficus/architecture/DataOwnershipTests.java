package io.ficus.architecture;

import static io.ficus.architecture.FicusArchitecture.SHOP;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.ficus.architecture.sql.MigrationScript;
import io.ficus.architecture.sql.SqlInCode;

/** Each shop module's SQL, in its Flyway migrations and in its code, touches only its own schema. */
@AnalyzeClasses(packages = "io.ficus", importOptions = ImportOption.DoNotIncludeTests.class)
class DataOwnershipTests {

    @ArchTest
    static final ArchRule migrations_touch_only_their_modules_schema = SHOP.dataOwnership().migrationsTouchOnlyTheirModulesSchema();

    @ArchTest
    static final ArchRule no_foreign_key_crosses_schemas = SHOP.dataOwnership().noForeignKeyCrossesSchemas();

    @ArchTest
    static final ArchRule sql_in_code_touches_only_its_modules_schema = SHOP.dataOwnership().sqlInCodeTouchesOnlyItsModulesSchema();

    /**
     * Without this the rule above could pass because no SQL was read from the shop's class files at all: every
     * module that owns tables (has migrations) must show SQL in its code.
     */
    @ArchTest
    static void sql_is_read_from_the_code_of_every_module_that_owns_tables(JavaClasses classes) {
        List<JavaClass> shop = classes.stream().filter(SHOP.layout().inAnyModule()).toList();
        List<String> owningTables = SHOP.layout().modules().stream()
                .filter(module -> !MigrationScript.load(SHOP.migrationLocation(), module, shop).isEmpty()).toList();
        assertThat(owningTables).contains("catalog", "inventory", "orders", "payments", "shipping", "notifications");
        for (String module : owningTables) {
            long statements = classes.stream().filter(SHOP.layout().inModule(module))
                    .mapToLong(type -> SqlInCode.in(type).size()).sum();

            assertThat(statements).as("SQL statements read from module %s", module).isPositive();
        }
    }
}
