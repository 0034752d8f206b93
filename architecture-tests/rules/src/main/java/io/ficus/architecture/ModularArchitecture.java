package io.ficus.architecture;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The rule set for one modular monolith, built from its base package (or its application class) and its modules.
 *
 * <p>Most projects need none of this: {@link ModularMonolithRules} detects everything from the analysed classes.
 * Use this class to pick rules by hand or to check a codebase with no application class:
 *
 * <pre>{@code
 * @AnalyzeClasses(packages = "com.acme")
 * class ArchitectureTests {
 *     static final ModularArchitecture SHOP = ModularArchitecture.of("com.acme.shop").withSharedModules("model");
 *
 *     @ArchTest
 *     static final ArchRule no_module_depends_on_another_modules_internals = SHOP.isolation().noModuleDependsOnAnotherModulesInternals();
 * }
 * }</pre>
 */
public final class ModularArchitecture {

    public static final String DEFAULT_MIGRATION_LOCATION = "db/migration";

    static final List<String> APPLICATION_ANNOTATIONS = List.of(
            "org.springframework.boot.autoconfigure.SpringBootApplication", "org.springframework.modulith.Modulithic");

    private static final String[] NO_MODULES = {};
    private static Detection lastDetection;

    private final ModuleLayout layout;
    private final String migrationLocation;

    private ModularArchitecture(ModuleLayout layout, String migrationLocation) {
        this.layout = layout;
        this.migrationLocation = migrationLocation;
    }

    /**
     * The modules under a base package: the given ones, or, with none given, the ones Spring Modulith detects there.
     * A given list that differs from what Spring Modulith detects fails {@code modulesPassSpringModulithVerification}.
     */
    public static ModularArchitecture of(String basePackage, String... modules) {
        return of(basePackage, List.of(modules));
    }

    public static ModularArchitecture of(String basePackage, List<String> modules) {
        ModuleLayout layout = ModuleLayout.of(basePackage, modules.isEmpty() ? List.of("?") : modules);
        return new ModularArchitecture(modules.isEmpty() ? withDetectedModules(layout) : layout, DEFAULT_MIGRATION_LOCATION);
    }

    /**
     * The modules Spring Modulith detects for an application class ({@code @SpringBootApplication} or
     * {@code @Modulithic}), with the shared modules it declares.
     */
    public static ModularArchitecture ofApplication(Class<?> applicationClass) {
        return ofApplication(applicationClass.getName(), false);
    }

    private static ModularArchitecture ofApplication(String applicationClass, boolean includeTests) {
        String basePackage = applicationClass.contains(".") ? applicationClass.substring(0, applicationClass.lastIndexOf('.')) : "";
        ModuleLayout layout = new ModuleLayout(basePackage, List.of("?"), ModuleLayout::conventionalClientName, Set.of(),
                includeTests, applicationClass);
        return new ModularArchitecture(withDetectedModules(layout), DEFAULT_MIGRATION_LOCATION);
    }

    private static ModuleLayout withDetectedModules(ModuleLayout layout) {
        List<String> detected = List.copyOf(layout.detectedModules());
        if (detected.isEmpty()) {
            throw new IllegalStateException("Spring Modulith detects no module in " + layout.basePackage()
                    + ": modules are the direct sub-packages of the application's package");
        }
        return layout.withModules(detected);
    }

    /**
     * The architecture of the application among the analysed classes, as {@link ModularMonolithRules} sees it: the one
     * {@code @SpringBootApplication}/{@code @Modulithic} class of the main code, unless {@code ficus.application} or
     * {@code ficus.basePackage} names it; modules as Spring Modulith detects them unless {@code ficus.modules} lists
     * them; shared modules from {@code @Modulithic} plus {@code ficus.sharedModules}; test classes ignored unless
     * {@code ficus.includeTests=true}; migrations in {@code ficus.migrations} (default {@code db/migration}).
     */
    public static synchronized ModularArchitecture detect(JavaClasses classes) {
        String key = Settings.detectionKey();
        if (lastDetection != null && lastDetection.classes() == classes && lastDetection.key().equals(key)) {
            return lastDetection.architecture();
        }
        ModularArchitecture architecture = detectFromSettings(classes);
        lastDetection = new Detection(classes, key, architecture);
        return architecture;
    }

    private static ModularArchitecture detectFromSettings(JavaClasses classes) {
        boolean includeTests = Settings.flag(Settings.INCLUDE_TESTS);
        String application = Settings.get(Settings.APPLICATION, "");
        String basePackage = Settings.get(Settings.BASE_PACKAGE, "");
        ModularArchitecture architecture;
        if (!application.isEmpty()) {
            architecture = ofApplication(application, includeTests);
        }
        else if (!basePackage.isEmpty()) {
            ModuleLayout layout = ModuleLayout.of(basePackage, List.of("?")).withTests(includeTests);
            architecture = new ModularArchitecture(withDetectedModules(layout), DEFAULT_MIGRATION_LOCATION);
        }
        else {
            architecture = ofApplication(applicationClassAmong(classes, includeTests), includeTests);
        }
        List<String> modules = Settings.list(Settings.MODULES);
        if (!modules.isEmpty()) {
            architecture = new ModularArchitecture(architecture.layout.withModules(modules), architecture.migrationLocation);
        }
        return architecture.withSharedModules(Settings.list(Settings.SHARED_MODULES).toArray(NO_MODULES))
                .withMigrationsIn(Settings.get(Settings.MIGRATIONS, DEFAULT_MIGRATION_LOCATION));
    }

    private static String applicationClassAmong(JavaClasses classes, boolean includeTests) {
        List<String> candidates = classes.stream()
                .filter(type -> includeTests || ModuleLayout.isProductionCode(type))
                .filter(ModularArchitecture::isApplicationClass)
                .map(JavaClass::getName).sorted().toList();
        if (candidates.size() != 1) {
            throw new IllegalStateException("The architecture rules need one @SpringBootApplication or @Modulithic class "
                    + "among the analysed main classes, and found " + (candidates.isEmpty() ? "none" : candidates)
                    + ". Name it with ficus.application=<class name> (or the modules' parent package with "
                    + "ficus.basePackage=<package>) in src/test/resources/archunit.properties.");
        }
        return candidates.get(0);
    }

    private static boolean isApplicationClass(JavaClass type) {
        return APPLICATION_ANNOTATIONS.stream().anyMatch(name -> type.isAnnotatedWith(name) || type.isMetaAnnotatedWith(name));
    }

    /** Where the per-module Flyway folders live on the classpath (default {@code db/migration}). */
    public ModularArchitecture withMigrationsIn(String location) {
        return new ModularArchitecture(layout, location);
    }

    /** How the consumer's client class for a target module is named (default: {@code catalog} → {@code CatalogClient}). */
    public ModularArchitecture withClientNaming(UnaryOperator<String> clientNaming) {
        return new ModularArchitecture(layout.withClientNaming(clientNaming), migrationLocation);
    }

    /**
     * Declares shared modules (a shared kernel such as a {@code model} package of base entities) in addition to those of
     * {@code @Modulithic(sharedModules = …)}: extending, holding or calling their types is not a call across a boundary,
     * and their public types are their purpose, not a leak.
     */
    public ModularArchitecture withSharedModules(String... modules) {
        Set<String> shared = new LinkedHashSet<>(layout.sharedModules());
        shared.addAll(List.of(modules));
        return new ModularArchitecture(layout.withSharedModules(shared), migrationLocation);
    }

    /** Analyses test classes too (by default classes compiled from test sources belong to no module). */
    public ModularArchitecture includingTests() {
        return new ModularArchitecture(layout.withTests(true), migrationLocation);
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
        return new CodingRules(layout.basePackage(), layout.analysed());
    }

    /** Every rule above, each its own rule with its own report (check them one by one, or use {@link ModularMonolithRules}). */
    public List<ArchRule> rules() {
        List<ArchRule> rules = new ArrayList<>();
        rules.addAll(isolation().rules());
        rules.addAll(encapsulation().rules());
        rules.addAll(dataOwnership().rules());
        rules.addAll(events().rules());
        rules.addAll(coding().rules());
        rules.add(coding().noCyclesBetweenAModulesOwnPackages(layout));
        return rules;
    }

    private record Detection(JavaClasses classes, String key, ModularArchitecture architecture) {
    }
}
