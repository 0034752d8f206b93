package io.ficus.architecture;

import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Every rule for a modular monolith, one {@code @ArchTest} each, so a failure names one rule and its reason.
 *
 * <p>Take them all:
 *
 * <pre>{@code
 * @AnalyzeClasses(packagesOf = MyApplication.class)
 * class ArchitectureTests {
 *     @ArchTest
 *     static final ArchTests modular_monolith_rules = ArchTests.in(ModularMonolithRules.class);
 * }
 * }</pre>
 *
 * or pick some: {@code @ArchTest static final ArchRule no_field_injection = ModularMonolithRules.no_field_injection;}.
 *
 * <p>Each rule detects the application when it runs ({@link ModularArchitecture#detect}): the one
 * {@code @SpringBootApplication}/{@code @Modulithic} class of the main code, the modules Spring Modulith finds under
 * its package, the shared modules it declares. Test classes are not analysed. {@code -Dficus.freeze=true} records
 * today's violations as the baseline ({@link Baseline}).
 */
public final class ModularMonolithRules {

    @ArchTest
    public static final ArchRule modules_pass_spring_modulith_verification = new DetectedRule(
            ModuleIsolationRules.SPRING_MODULITH_VERIFICATION, rules -> rules.isolation().modulesPassSpringModulithVerification());

    @ArchTest
    public static final ArchRule no_module_depends_on_another_modules_internals = new DetectedRule(
            ModuleIsolationRules.NO_INTERNALS, rules -> rules.isolation().noModuleDependsOnAnotherModulesInternals());

    @ArchTest
    public static final ArchRule modules_are_free_of_cycles = new DetectedRule(
            ModuleIsolationRules.NO_MODULE_CYCLES, rules -> rules.isolation().modulesAreFreeOfCycles());

    @ArchTest
    public static final ArchRule synchronous_calls_go_through_the_consumers_client = new DetectedRule(
            ModuleIsolationRules.CALLS_THROUGH_CLIENTS, rules -> rules.isolation().synchronousCallsGoThroughTheConsumersClient());

    @ArchTest
    public static final ArchRule entities_are_not_public_in_a_modules_api = new DetectedRule(
            EncapsulationRules.ENTITIES, rules -> rules.encapsulation().entitiesAreHidden());

    @ArchTest
    public static final ArchRule repositories_are_not_public_in_a_modules_api = new DetectedRule(
            EncapsulationRules.REPOSITORIES, rules -> rules.encapsulation().repositoriesAreHidden());

    @ArchTest
    public static final ArchRule controllers_are_not_public_in_a_modules_api = new DetectedRule(
            EncapsulationRules.CONTROLLERS, rules -> rules.encapsulation().controllersAreHidden());

    @ArchTest
    public static final ArchRule event_listeners_are_not_public_in_a_modules_api = new DetectedRule(
            EncapsulationRules.EVENT_LISTENERS, rules -> rules.encapsulation().eventListenersAreHidden());

    @ArchTest
    public static final ArchRule api_implementations_are_not_public_in_a_modules_api = new DetectedRule(
            EncapsulationRules.IMPLEMENTATIONS, rules -> rules.encapsulation().implementationsAreHidden());

    @ArchTest
    public static final ArchRule event_listener_methods_are_not_public = new DetectedRule(
            EncapsulationRules.LISTENER_METHODS, rules -> rules.encapsulation().listenerMethodsAreNotPublic());

    @ArchTest
    public static final ArchRule migrations_touch_only_their_modules_schema = new DetectedRule(
            DataOwnershipRules.MIGRATIONS, rules -> rules.dataOwnership().migrationsTouchOnlyTheirModulesSchema());

    @ArchTest
    public static final ArchRule no_foreign_key_crosses_schemas = new DetectedRule(
            DataOwnershipRules.FOREIGN_KEYS, rules -> rules.dataOwnership().noForeignKeyCrossesSchemas());

    @ArchTest
    public static final ArchRule sql_in_code_touches_only_its_modules_schema = new DetectedRule(
            DataOwnershipRules.SQL_IN_CODE, rules -> rules.dataOwnership().sqlInCodeTouchesOnlyItsModulesSchema());

    @ArchTest
    public static final ArchRule events_are_records = new DetectedRule(
            EventRules.RECORDS, rules -> rules.events().eventsAreRecords());

    @ArchTest
    public static final ArchRule events_are_named_in_the_past_tense = new DetectedRule(
            EventRules.PAST_TENSE, rules -> rules.events().eventsAreNamedInThePastTense());

    @ArchTest
    public static final ArchRule events_are_published_only_by_their_owning_module = new DetectedRule(
            EventRules.OWNING_MODULE, rules -> rules.events().eventsArePublishedOnlyByTheirOwningModule());

    @ArchTest
    public static final ArchRule no_field_injection = new DetectedRule(
            CodingRules.NO_FIELD_INJECTION, rules -> rules.coding().noFieldInjection());

    @ArchTest
    public static final ArchRule no_setter_or_method_injection = new DetectedRule(
            CodingRules.NO_METHOD_INJECTION, rules -> rules.coding().noMethodInjection());

    @ArchTest
    public static final ArchRule no_standard_streams = new DetectedRule(
            CodingRules.NO_STANDARD_STREAMS, rules -> rules.coding().noStandardStreams());

    @ArchTest
    public static final ArchRule no_package_cycles_inside_a_module = new DetectedRule(
            CodingRules.NO_PACKAGE_CYCLES_IN_A_MODULE, rules -> rules.coding().noCyclesBetweenAModulesOwnPackages(rules.layout()));

    private ModularMonolithRules() {
    }
}
