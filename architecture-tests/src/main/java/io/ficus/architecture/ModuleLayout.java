package io.ficus.architecture;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import org.springframework.modulith.core.ApplicationModules;

/**
 * Where a modular application's modules live: a base package whose direct sub-packages are the modules.
 *
 * <p>A module's root package is its API; its sub-packages are internal unless marked as a Spring Modulith
 * {@code @NamedInterface}. Each module owns the database schema of the same name.
 *
 * @param basePackage the application's base package, e.g. {@code io.ficus.shop}
 * @param modules the module names, i.e. the simple names of the base package's direct sub-packages
 * @param clientNaming the name of the one class through which a consumer calls a given target module
 */
public record ModuleLayout(String basePackage, List<String> modules, UnaryOperator<String> clientNaming) {

    static final String NAMED_INTERFACE = "org.springframework.modulith.NamedInterface";
    // the layout names the packages to analyse; which jar or folder they come from is the caller's business
    private static final ImportOption EVERY_LOCATION = location -> true;

    public ModuleLayout {
        if (basePackage == null || basePackage.isBlank()) {
            throw new IllegalArgumentException("a base package is required");
        }
        if (modules == null || modules.isEmpty()) {
            throw new IllegalArgumentException("at least one module is required");
        }
        modules = List.copyOf(modules);
    }

    /** The layout with the conventional client naming: calls into {@code catalog} go through {@code CatalogClient}. */
    public static ModuleLayout of(String basePackage, List<String> modules) {
        return new ModuleLayout(basePackage, modules, ModuleLayout::conventionalClientName);
    }

    static String conventionalClientName(String targetModule) {
        return targetModule.substring(0, 1).toUpperCase(Locale.ROOT) + targetModule.substring(1) + "Client";
    }

    /** Spring Modulith's model of the modules, read from wherever the base package's classes are on the classpath. */
    public ApplicationModules applicationModules() {
        return ApplicationModules.of(basePackage, EVERY_LOCATION);
    }

    public String packageOf(String module) {
        return basePackage + "." + module;
    }

    /** The schema a module owns; by convention it is named like the module. */
    public String schemaOf(String module) {
        return module;
    }

    public Optional<String> moduleOwningSchema(String schema) {
        return modules.stream().filter(module -> schemaOf(module).equalsIgnoreCase(schema)).findFirst();
    }

    public Optional<String> moduleOf(JavaClass type) {
        return moduleOfPackage(type.getPackageName());
    }

    public Optional<String> moduleOfPackage(String packageName) {
        return modules.stream()
                .filter(module -> packageName.equals(packageOf(module)) || packageName.startsWith(packageOf(module) + "."))
                .findFirst();
    }

    public boolean isInApiPackage(JavaClass type) {
        return moduleOf(type).map(module -> type.getPackageName().equals(packageOf(module))).orElse(false);
    }

    /** True for a type in a module's sub-package that is not exposed as a named interface. */
    public boolean isInternal(JavaClass type) {
        return moduleOf(type).isPresent() && !isInApiPackage(type) && !isExposedAsNamedInterface(type);
    }

    private static boolean isExposedAsNamedInterface(JavaClass type) {
        return type.isAnnotatedWith(NAMED_INTERFACE) || type.getPackage().isAnnotatedWith(NAMED_INTERFACE);
    }

    public DescribedPredicate<JavaClass> inAnyModule() {
        return DescribedPredicate.describe("reside in a module of " + basePackage, type -> moduleOf(type).isPresent());
    }

    public DescribedPredicate<JavaClass> inModule(String module) {
        return DescribedPredicate.describe("reside in module '" + module + "'",
                type -> moduleOf(type).filter(module::equals).isPresent());
    }

    public DescribedPredicate<JavaClass> internalTo(String module) {
        return DescribedPredicate.describe("are internal to module '" + module + "'",
                type -> isInternal(type) && moduleOf(type).filter(module::equals).isPresent());
    }
}
