package io.ficus.architecture;

import static io.ficus.architecture.FicusArchitecture.SHOP;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The shop's internals are not public: entities, repositories, controllers, listeners, implementations. */
@AnalyzeClasses(packages = "io.ficus", importOptions = ImportOption.DoNotIncludeTests.class)
class EncapsulationTests {

    @ArchTest
    static final ArchRule entities_are_package_private_or_internal = SHOP.encapsulation().entitiesAreHidden();

    @ArchTest
    static final ArchRule repositories_are_package_private_or_internal = SHOP.encapsulation().repositoriesAreHidden();

    @ArchTest
    static final ArchRule controllers_are_package_private_or_internal = SHOP.encapsulation().controllersAreHidden();

    @ArchTest
    static final ArchRule event_listeners_are_package_private_or_internal = SHOP.encapsulation().eventListenersAreHidden();

    @ArchTest
    static final ArchRule api_implementations_are_package_private_or_internal = SHOP.encapsulation().implementationsAreHidden();

    @ArchTest
    static final ArchRule listener_methods_are_not_public = SHOP.encapsulation().listenerMethodsAreNotPublic();

    /** Without this the rules above could pass because they no longer recognise the shop's classes in their role. */
    @ArchTest
    static void every_role_the_rules_guard_is_recognised_in_the_shop(JavaClasses classes) {
        var shop = classes.that(SHOP.layout().inAnyModule());

        assertThat(shop.that(ArchitecturalRoles.entities())).as("entities").isNotEmpty();
        assertThat(shop.that(ArchitecturalRoles.repositories())).as("repositories").isNotEmpty();
        assertThat(shop.that(ArchitecturalRoles.controllers())).as("controllers").isNotEmpty();
        assertThat(shop.that(ArchitecturalRoles.eventListeners())).as("event listeners").isNotEmpty();
        assertThat(shop.that(ArchitecturalRoles.apiImplementations(SHOP.layout()))).as("API implementations").isNotEmpty();
        assertThat(shop.that(EventTypes.events())).as("events").extracting(JavaClass::getSimpleName)
                .contains("OrderPlaced", "OrderConfirmed", "PaymentAuthorized", "StockReserved", "ShipmentCreated");
    }
}
