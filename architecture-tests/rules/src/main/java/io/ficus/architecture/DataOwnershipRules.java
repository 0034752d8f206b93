package io.ficus.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.all;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.AbstractClassesTransformer;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.ficus.architecture.sql.MigrationScript;
import io.ficus.architecture.sql.SchemaOwnership;
import io.ficus.architecture.sql.SqlInCode;
import io.ficus.architecture.sql.TableReference;
import io.ficus.architecture.sql.TableReference.Kind;

/** Rules on data ownership: a module's SQL, in migrations and in code, touches only its own schema. */
public final class DataOwnershipRules {

    private static final Set<Kind> ALL_KINDS = EnumSet.allOf(Kind.class);
    private static final String RELATIONAL_TABLE = "org.springframework.data.relational.core.mapping.Table";
    private static final String JPA_TABLE = "jakarta.persistence.Table";

    private final ModuleLayout layout;
    private final String migrationLocation;

    DataOwnershipRules(ModuleLayout layout, String migrationLocation) {
        this.layout = layout;
        this.migrationLocation = migrationLocation;
    }

    public static final RuleText MIGRATIONS = new RuleText("each module's Flyway migrations touch only the module's own schema",
            "a module owns its schema; a migration that creates, reads or changes another module's tables ties both "
                    + "modules to one database and blocks extracting either");
    public static final RuleText FOREIGN_KEYS = new RuleText("no foreign key crosses a schema boundary",
            "other modules' data is referenced by id only: a foreign key across schemas makes the database enforce a "
                    + "coupling that extraction must cut, and makes one module's delete fail on another's rows");
    public static final RuleText SQL_IN_CODE = new RuleText("SQL in a module's code touches only the module's own schema",
            "a query (@Query, JdbcClient/JdbcTemplate strings, @Table mappings) that reads another module's tables "
                    + "bypasses that module's API, breaks silently when it changes its schema, and stops working the day "
                    + "it is extracted");

    public List<ArchRule> rules() {
        return List.of(migrationsTouchOnlyTheirModulesSchema(), noForeignKeyCrossesSchemas(),
                sqlInCodeTouchesOnlyItsModulesSchema());
    }

    public ArchRule migrationsTouchOnlyTheirModulesSchema() {
        return MIGRATIONS.applyTo(CompositeArchRule.of(layout.modules().stream().map(this::migrationsOfTouchOnlyTheirSchema).toList()));
    }

    /** The parameterised rule behind {@link #migrationsTouchOnlyTheirModulesSchema()}. */
    public ArchRule migrationsOfTouchOnlyTheirSchema(String module) {
        return all(migrationsOf(module))
                .should(referToNoForeignData(EnumSet.of(Kind.USE, Kind.CREATE_TABLE, Kind.CREATE_SCHEMA), "touch only schema '"
                        + layout.schemaOf(module) + "'"))
                .because("schema '" + layout.schemaOf(module) + "' is the only one module '" + module + "' owns");
    }

    public ArchRule noForeignKeyCrossesSchemas() {
        return FOREIGN_KEYS.applyTo(CompositeArchRule.of(layout.modules().stream().map(this::noForeignKeyLeaves).toList()));
    }

    /** The parameterised rule behind {@link #noForeignKeyCrossesSchemas()}. */
    public ArchRule noForeignKeyLeaves(String module) {
        return all(migrationsOf(module))
                .should(referToNoForeignData(EnumSet.of(Kind.FOREIGN_KEY), "declare foreign keys only within schema '"
                        + layout.schemaOf(module) + "'"))
                .because("rows of module '" + module + "' may only reference rows of its own schema");
    }

    public ArchRule sqlInCodeTouchesOnlyItsModulesSchema() {
        return SQL_IN_CODE.applyTo(CompositeArchRule.of(layout.modules().stream().map(this::sqlInCodeOfTouchesOnlyItsSchema).toList()));
    }

    /** The parameterised rule behind {@link #sqlInCodeTouchesOnlyItsModulesSchema()}. */
    public ArchRule sqlInCodeOfTouchesOnlyItsSchema(String module) {
        return classes().that(layout.inModule(module))
                .should(new SqlInCodeCondition(module))
                .because("schema '" + layout.schemaOf(module) + "' is the only one module '" + module + "' owns");
    }

    private AbstractClassesTransformer<ModuleMigrations> migrationsOf(String module) {
        return new AbstractClassesTransformer<>("the migrations of module '" + module + "' in " + migrationLocation + "/"
                + module) {
            @Override
            public Iterable<ModuleMigrations> doTransform(JavaClasses classes) {
                List<JavaClass> ownClasses = classes.stream().filter(layout.inAnyModule()).toList();
                List<MigrationScript> everyModule = new ArrayList<>();
                layout.modules().forEach(each -> everyModule.addAll(MigrationScript.load(migrationLocation, each, ownClasses)));
                return List.of(new ModuleMigrations(module,
                        everyModule.stream().filter(script -> script.module().equals(module)).toList(),
                        SchemaOwnership.of(layout, everyModule)));
            }
        };
    }

    private ArchCondition<ModuleMigrations> referToNoForeignData(Set<Kind> kinds, String description) {
        return new ArchCondition<>(description) {
            @Override
            public void check(ModuleMigrations migrations, ConditionEvents events) {
                for (MigrationScript script : migrations.scripts()) {
                    migrations.ownership().foreignReferences(migrations.module(), script.sql(), kinds)
                            .forEach(foreign -> events.add(SimpleConditionEvent.violated(migrations, "Migration <"
                                    + script.path() + ":" + foreign.reference().line() + "> of module '"
                                    + migrations.module() + "' " + foreign.describe())));
                }
            }
        };
    }

    /**
     * The migrations of one module, with what every module's migrations say about who owns which table.
     *
     * @param module the module
     * @param scripts its scripts, possibly none
     * @param ownership the tables each module creates
     */
    record ModuleMigrations(String module, List<MigrationScript> scripts, SchemaOwnership ownership) {

        @Override
        public String toString() {
            return "migrations of module '" + module + "'";
        }
    }

    /** Checks the SQL written in one module's classes against the schema ownership its migrations declare. */
    private final class SqlInCodeCondition extends ArchCondition<JavaClass> {

        private final String module;
        private SchemaOwnership ownership;

        SqlInCodeCondition(String module) {
            super("touch only schema '" + layout.schemaOf(module) + "' in their SQL");
            this.module = module;
        }

        @Override
        public void init(Collection<JavaClass> classes) {
            List<MigrationScript> scripts = new ArrayList<>();
            layout.modules().forEach(each -> scripts.addAll(MigrationScript.load(migrationLocation, each, classes)));
            ownership = SchemaOwnership.of(layout, scripts);
        }

        @Override
        public void check(JavaClass type, ConditionEvents events) {
            for (SqlInCode sql : SqlInCode.in(type)) {
                ownership.foreignReferences(module, sql.sql(), ALL_KINDS)
                        .forEach(foreign -> events.add(SimpleConditionEvent.violated(type, sql.member() + " in "
                                + sql.location() + " " + foreign.describe())));
            }
            for (TableReference mapping : tableMappings(type)) {
                boolean own = mapping.schema() != null
                        ? mapping.schema().equals(layout.schemaOf(module))
                        : ownership.tablesOf(module).contains(mapping.table());
                if (!own) {
                    ownership.ownerOf(mapping).ifPresent(owner -> events.add(SimpleConditionEvent.violated(type,
                            "Class <" + type.getName() + "> in " + type.getSourceCodeLocation() + " is mapped by @Table to "
                                    + mapping.qualifiedName() + ", owned by module '" + owner + "'")));
                }
            }
        }

        private List<TableReference> tableMappings(JavaClass type) {
            List<TableReference> mappings = new ArrayList<>();
            type.getAnnotations().stream()
                    .filter(annotation -> annotation.getRawType().getName().equals(RELATIONAL_TABLE)
                            || annotation.getRawType().getName().equals(JPA_TABLE))
                    .forEach(annotation -> {
                        String schema = text(annotation.get("schema").orElse(""));
                        String name = text(annotation.get("name").orElse(""));
                        String table = name.isEmpty() ? text(annotation.get("value").orElse("")) : name;
                        if (!schema.isEmpty() || !table.isEmpty()) {
                            mappings.add(new TableReference(Kind.USE, schema.isEmpty() ? null : schema.toLowerCase(Locale.ROOT),
                                    table.isEmpty() ? "?" : table.toLowerCase(Locale.ROOT), 1, ""));
                        }
                    });
            return mappings;
        }

        private static String text(Object value) {
            return value instanceof String s ? s.trim() : "";
        }
    }
}
