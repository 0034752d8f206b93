package io.ficus.architecture;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

/**
 * Where a modular application's modules live: a base package whose direct sub-packages are the modules.
 *
 * <p>A module's root package is its API; its sub-packages are internal unless marked as a Spring Modulith
 * {@code @NamedInterface} or the module is open ({@code @ApplicationModule(type = Type.OPEN)}). A shared module
 * ({@code @Modulithic(sharedModules = …)} or {@link #sharedModules()}) is a kernel every module may build on. Each
 * module owns the database schema of the same name. Test classes belong to no module unless {@link #includeTests()}.
 *
 * @param basePackage the application's base package, e.g. {@code io.ficus.shop}
 * @param modules the module names, i.e. the simple names of the base package's direct sub-packages
 * @param clientNaming the name of the one class through which a consumer calls a given target module
 * @param sharedModules modules declared shared here, in addition to those Spring Modulith reports as shared
 * @param includeTests true to treat test classes (from {@code target/test-classes} and the like) as module code
 * @param applicationClass the {@code @SpringBootApplication}/{@code @Modulithic} class Spring Modulith reads its
 *        settings from, or {@code null} to detect modules from the base package alone
 */
public record ModuleLayout(String basePackage, List<String> modules, UnaryOperator<String> clientNaming,
        Set<String> sharedModules, boolean includeTests, String applicationClass) {

    static final String NAMED_INTERFACE = "org.springframework.modulith.NamedInterface";
    // one instance each: Spring Modulith caches its model per import option instance
    private static final ImportOption EVERY_LOCATION = location -> true;
    private static final ImportOption PRODUCTION_CODE = new ImportOption.DoNotIncludeTests();
    private static final Map<String, Set<String>> OPEN_MODULES = new ConcurrentHashMap<>();
    private static final Map<String, Set<String>> MODULITH_SHARED_MODULES = new ConcurrentHashMap<>();

    public ModuleLayout {
        if (basePackage == null || basePackage.isBlank()) {
            throw new IllegalArgumentException("a base package is required");
        }
        if (modules == null || modules.isEmpty()) {
            throw new IllegalArgumentException("at least one module is required");
        }
        modules = List.copyOf(modules);
        sharedModules = Set.copyOf(sharedModules);
    }

    public ModuleLayout(String basePackage, List<String> modules, UnaryOperator<String> clientNaming) {
        this(basePackage, modules, clientNaming, Set.of(), false, null);
    }

    /** The layout with the conventional client naming: calls into {@code catalog} go through {@code CatalogClient}. */
    public static ModuleLayout of(String basePackage, List<String> modules) {
        return new ModuleLayout(basePackage, modules, ModuleLayout::conventionalClientName);
    }

    static String conventionalClientName(String targetModule) {
        return targetModule.substring(0, 1).toUpperCase(Locale.ROOT) + targetModule.substring(1) + "Client";
    }

    ModuleLayout withModules(List<String> names) {
        return new ModuleLayout(basePackage, names, clientNaming, sharedModules, includeTests, applicationClass);
    }

    ModuleLayout withClientNaming(UnaryOperator<String> naming) {
        return new ModuleLayout(basePackage, modules, naming, sharedModules, includeTests, applicationClass);
    }

    ModuleLayout withSharedModules(Set<String> names) {
        return new ModuleLayout(basePackage, modules, clientNaming, names, includeTests, applicationClass);
    }

    ModuleLayout withTests(boolean include) {
        return new ModuleLayout(basePackage, modules, clientNaming, sharedModules, include, applicationClass);
    }

    /**
     * Spring Modulith's model of the modules, read from wherever the base package's classes are on the classpath
     * (test classes only when {@link #includeTests()}).
     */
    public ApplicationModules applicationModules() {
        ImportOption scope = includeTests ? EVERY_LOCATION : PRODUCTION_CODE;
        return applicationClass == null
                ? ApplicationModules.of(basePackage, scope)
                : ApplicationModules.of(loadApplicationClass(), scope);
    }

    private Class<?> loadApplicationClass() {
        try {
            return Class.forName(applicationClass, false, Thread.currentThread().getContextClassLoader());
        }
        catch (ClassNotFoundException e) {
            throw new IllegalStateException("application class " + applicationClass + " is not on the classpath", e);
        }
    }

    /** The simple names of the modules Spring Modulith detects, e.g. {@code [catalog, orders]}. */
    public Set<String> detectedModules() {
        Set<String> found = new TreeSet<>();
        applicationModules().forEach(module -> found.add(simpleName(module)));
        return found;
    }

    static String simpleName(ApplicationModule module) {
        String name = module.getBasePackage().getName();
        return name.substring(name.lastIndexOf('.') + 1);
    }

    /** True for a module declared shared, here or through Spring Modulith's {@code @Modulithic(sharedModules)}. */
    public boolean isShared(String module) {
        if (sharedModules.contains(module)) {
            return true;
        }
        // only an application class can carry @Modulithic(sharedModules); a bare package declares none
        return applicationClass != null && MODULITH_SHARED_MODULES.computeIfAbsent(cacheKey(), key -> {
            Set<String> shared = new TreeSet<>();
            applicationModules().getSharedModules().forEach(each -> shared.add(simpleName(each)));
            return shared;
        }).contains(module);
    }

    /** True for a module declared {@code @ApplicationModule(type = Type.OPEN)}: all its types are its API. */
    public boolean isOpen(String module) {
        return OPEN_MODULES.computeIfAbsent(cacheKey(), key -> {
            Set<String> open = new TreeSet<>();
            applicationModules().stream().filter(ApplicationModule::isOpen).forEach(each -> open.add(simpleName(each)));
            return open;
        }).contains(module);
    }

    private String cacheKey() {
        return basePackage + "|" + applicationClass + "|" + includeTests;
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

    /** The module a class belongs to; empty outside the modules, and for test classes unless tests are included. */
    public Optional<String> moduleOf(JavaClass type) {
        if (!isAnalysed(type)) {
            return Optional.empty();
        }
        return moduleOfPackage(type.getPackageName());
    }

    public Optional<String> moduleOfPackage(String packageName) {
        return modules.stream()
                .filter(module -> packageName.equals(packageOf(module)) || packageName.startsWith(packageOf(module) + "."))
                .findFirst();
    }

    /** False for a test class (compiled to {@code target/test-classes}, {@code build/classes/java/test}, …) unless tests are included. */
    public boolean isAnalysed(JavaClass type) {
        return includeTests || isProductionCode(type);
    }

    public DescribedPredicate<JavaClass> analysed() {
        return DescribedPredicate.describe(includeTests ? "are main or test code" : "are main code", this::isAnalysed);
    }

    static boolean isProductionCode(JavaClass type) {
        return type.getSource().map(source -> PRODUCTION_CODE.includes(Location.of(source.getUri()))).orElse(true);
    }

    public boolean isInApiPackage(JavaClass type) {
        return moduleOf(type).map(module -> type.getPackageName().equals(packageOf(module))).orElse(false);
    }

    /** True for a type in a module's sub-package that is neither exposed as a named interface nor in an open module. */
    public boolean isInternal(JavaClass type) {
        return moduleOf(type).filter(module -> !isOpen(module)).isPresent() && !isInApiPackage(type)
                && !isExposedAsNamedInterface(type);
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
