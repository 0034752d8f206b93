package io.ficus.architecture;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;

/**
 * The entry point of the rule set: the rules for a modular monolith, built from its base package and module list.
 *
 * <pre>{@code
 * @AnalyzeClasses(packages = "com.acme")
 * class ArchitectureTests {
 *     @ArchTest
 *     static final ArchRule modular_architecture = ModularArchitecture.of("com.acme.shop", "orders", "billing").allRules();
 * }
 * }</pre>
 */
public final class ModularArchitecture {

    public static final String DEFAULT_MIGRATION_LOCATION = "db/migration";

    private final ModuleLayout layout;
    private final String migrationLocation;

    private ModularArchitecture(ModuleLayout layout, String migrationLocation) {
        this.layout = layout;
        this.migrationLocation = migrationLocation;
    }

    public static ModularArchitecture of(String basePackage, String... modules) {
        return of(basePackage, List.of(modules));
    }

    public static ModularArchitecture of(String basePackage, List<String> modules) {
        return new ModularArchitecture(ModuleLayout.of(basePackage, modules), DEFAULT_MIGRATION_LOCATION);
    }

    /** Where the per-module Flyway folders live on the classpath (default {@code db/migration}). */
    public ModularArchitecture withMigrationsIn(String location) {
        return new ModularArchitecture(layout, location);
    }

    /** How the consumer's client class for a target module is named (default: {@code catalog} → {@code CatalogClient}). */
    public ModularArchitecture withClientNaming(UnaryOperator<String> clientNaming) {
        return new ModularArchitecture(new ModuleLayout(layout.basePackage(), layout.modules(), clientNaming), migrationLocation);
    }

    public ModuleLayout layout() {
        return layout;
    }

    public String migrationLocation() {
        return migrationLocation;
    }

    public ModuleIsolationRules isolation() {
        return new ModuleIsolationRules(layout);
    }

    public EncapsulationRules encapsulation() {
        return new EncapsulationRules(layout);
    }

    public DataOwnershipRules dataOwnership() {
        return new DataOwnershipRules(layout, migrationLocation);
    }

    public EventRules events() {
        return new EventRules(layout);
    }

    public CodingRules coding() {
        return new CodingRules(layout.basePackage());
    }

    /** Every rule above, as one rule that reports all violations. */
    public ArchRule allRules() {
        List<ArchRule> rules = new ArrayList<>();
        rules.addAll(isolation().rules());
        rules.addAll(encapsulation().rules());
        rules.addAll(dataOwnership().rules());
        rules.addAll(events().rules());
        rules.addAll(coding().rules());
        rules.add(coding().noCyclesBetweenAModulesOwnPackages(layout));
        return CompositeArchRule.of(rules);
    }
}
