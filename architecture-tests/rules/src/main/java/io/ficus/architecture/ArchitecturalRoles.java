package io.ficus.architecture;

import java.util.List;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.properties.CanBeAnnotated;

/** Recognises the Spring roles the rules talk about (entity, repository, controller, listener) by annotation and type names. */
public final class ArchitecturalRoles {

    // names, not classes: the rule set must not force Spring Data, Spring MVC or JPA onto a project's classpath
    static final List<String> ENTITY_ANNOTATIONS = List.of(
            "org.springframework.data.relational.core.mapping.Table",
            "jakarta.persistence.Entity",
            "org.springframework.data.mongodb.core.mapping.Document");
    static final List<String> ID_ANNOTATIONS = List.of(
            "org.springframework.data.annotation.Id", "jakarta.persistence.Id");
    static final List<String> REPOSITORY_TYPES = List.of("org.springframework.data.repository.Repository");
    static final List<String> REPOSITORY_ANNOTATIONS = List.of("org.springframework.stereotype.Repository");
    static final List<String> CONTROLLER_ANNOTATIONS = List.of("org.springframework.stereotype.Controller");
    static final List<String> LISTENER_ANNOTATIONS = List.of(
            "org.springframework.modulith.events.ApplicationModuleListener",
            "org.springframework.context.event.EventListener",
            "org.springframework.transaction.event.TransactionalEventListener");

    private ArchitecturalRoles() {
    }

    /**
     * Mapped persistent types: annotated as entities (Spring Data, JPA), carrying an {@code @Id}, or the row type a
     * repository maps query results into ({@code jdbc.sql(..).query(Product.class)}).
     */
    public static DescribedPredicate<JavaClass> entities() {
        return DescribedPredicate.describe("are entities", type -> annotatedWithAny(type, ENTITY_ANNOTATIONS)
                || type.getAllFields().stream().anyMatch(field -> annotatedWithAny(field, ID_ANNOTATIONS))
                || isRowTypeOfARepository(type));
    }

    private static boolean isRowTypeOfARepository(JavaClass type) {
        return type.getDirectDependenciesToSelf().stream()
                .anyMatch(dependency -> dependency.getDescription().contains(" references class object <" + type.getName() + ">")
                        && isRepository(dependency.getOriginClass()));
    }

    private static boolean isRepository(JavaClass type) {
        return annotatedWithAny(type, REPOSITORY_ANNOTATIONS) || REPOSITORY_TYPES.stream().anyMatch(type::isAssignableTo);
    }

    public static DescribedPredicate<JavaClass> repositories() {
        return DescribedPredicate.describe("are repositories", ArchitecturalRoles::isRepository);
    }

    public static DescribedPredicate<JavaClass> controllers() {
        return DescribedPredicate.describe("are controllers", type -> annotatedWithAny(type, CONTROLLER_ANNOTATIONS));
    }

    public static DescribedPredicate<JavaClass> eventListeners() {
        return DescribedPredicate.describe("declare event listeners",
                type -> type.getMethods().stream().anyMatch(ArchitecturalRoles::isEventListener));
    }

    /** Classes implementing an interface of their own module's API, or named like an implementation. */
    public static DescribedPredicate<JavaClass> apiImplementations(ModuleLayout layout) {
        return DescribedPredicate.describe("implement their module's API", type -> !type.isInterface()
                && (type.getSimpleName().endsWith("Impl") || type.getAllRawInterfaces().stream().anyMatch(api ->
                        layout.isInApiPackage(api) && layout.moduleOf(api).equals(layout.moduleOf(type)))));
    }

    public static boolean isEventListener(JavaMethod method) {
        return annotatedWithAny(method, LISTENER_ANNOTATIONS);
    }

    public static DescribedPredicate<JavaMethod> eventListenerMethods() {
        return DescribedPredicate.describe("are event listeners", ArchitecturalRoles::isEventListener);
    }

    static boolean annotatedWithAny(CanBeAnnotated element, List<String> annotations) {
        return annotations.stream().anyMatch(name -> element.isAnnotatedWith(name) || element.isMetaAnnotatedWith(name));
    }
}
