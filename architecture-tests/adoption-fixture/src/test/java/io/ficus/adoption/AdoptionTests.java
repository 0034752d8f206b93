package io.ficus.adoption;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.ficus.adoption.ArchitectureRun.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the adopter's {@code ArchitectureTests} (two lines, as docs/architecture-checks.md says) on the rentals
 * application and checks what an adopter would read: one failing test per broken rule, each report naming that rule
 * only, nothing about the shared kernel or the tests, generated docs, and a frozen baseline that only new
 * violations get past.
 */
class AdoptionTests {

    private static final String RENTALS = "org.example.rentals.";

    // one plain run serves the tests that only read its outcome or the docs it wrote
    @TempDir
    static Path plainRunFolder;
    private static Outcome plainRun;

    private static synchronized Outcome plainRun() {
        if (plainRun == null) {
            plainRun = ArchitectureRun.of(plainRunFolder.resolve("baseline"), plainRunFolder.resolve("docs")).run();
        }
        return plainRun;
    }

    @Test
    void reportsEachViolationUnderItsOwnRuleAndNothingElse() {
        Outcome outcome = plainRun();

        assertThat(outcome.failed()).containsExactlyInAnyOrder(
                "controllers_are_not_public_in_a_modules_api",
                "repositories_are_not_public_in_a_modules_api",
                "entities_are_not_public_in_a_modules_api",
                "synchronous_calls_go_through_the_consumers_client",
                "no_field_injection",
                "no_standard_streams");
        assertThat(outcome.passed()).contains("modules_pass_spring_modulith_verification",
                "no_module_depends_on_another_modules_internals", "modules_are_free_of_cycles",
                "module_documentation_and_extraction_readiness_report_are_written");
        outcome.failed().forEach(test -> assertThat(outcome.report(test))
                .as("the report of %s names one rule", test)
                .startsWith("Architecture Violation [Priority: MEDIUM] - Rule '")
                .containsOnlyOnce("Architecture Violation")
                .containsOnlyOnce(", because ")
                .doesNotContain(".model.", ".testdata.", "Tests", "Person.<init>"));

        assertThat(outcome.report("controllers_are_not_public_in_a_modules_api"))
                .contains("Rule 'controllers are not public in a module's API package, because controllers are a "
                        + "module's implementation")
                .contains("was violated (3 times)")
                .contains("Class <" + RENTALS + "bike.BikeController> is public in the API package of module 'bike'",
                        RENTALS + "customer.CustomerController>", RENTALS + "rental.RentalController>");
        assertThat(outcome.report("entities_are_not_public_in_a_modules_api"))
                .contains("was violated (3 times)")
                .contains(RENTALS + "bike.Bike>", RENTALS + "customer.Customer>", RENTALS + "rental.Rental>")
                .doesNotContain("BaseEntity", "NamedEntity");
        assertThat(outcome.report("synchronous_calls_go_through_the_consumers_client"))
                .contains("was violated (2 times)")
                .contains("Method <" + RENTALS + "rental.RentalController.rent(", "calls method <" + RENTALS
                        + "bike.BikeRepository.findById(java.lang.Integer)>", "calls method <" + RENTALS
                        + "bike.Bike.getDailyRate()>", "synchronous calls from module 'rental' into module 'bike' "
                        + "belong in BikeClient")
                .doesNotContain("getName()", "RentalPeriod");
        assertThat(outcome.report("no_field_injection"))
                .contains("was violated (1 times)")
                .contains("Field <" + RENTALS + "bike.BikeController.bikes> is annotated with @Autowired")
                .doesNotContain("RentalPricingTests");
        assertThat(outcome.report("no_standard_streams"))
                .contains("was violated (1 times)")
                .contains("Method <" + RENTALS + "customer.CustomerController.show(java.lang.String)> calls method "
                        + "<java.lang.NumberFormatException.printStackTrace()>");
    }

    @Test
    void acceptsAGivenModuleListThatMatchesWhatSpringModulithDetectsIgnoringTestOnlyPackages(@TempDir Path docs) {
        ArchitectureRun run = ArchitectureRun.of(docs.resolve("baseline"), docs);

        assertThat(run.with("ficus.modules", "bike,customer,model,rental,system").run().passed())
                .contains("modules_pass_spring_modulith_verification");

        Outcome mismatch = run.with("ficus.modules", "bike,customer,rental").run();
        assertThat(mismatch.failed()).contains("modules_pass_spring_modulith_verification");
        assertThat(mismatch.report("modules_pass_spring_modulith_verification"))
                .contains("Spring Modulith finds the modules [bike, customer, model, rental, system] in org.example.rentals "
                        + "but the rules were given [bike, customer, rental]")
                .doesNotContain("testdata");
    }

    @Test
    void writesTheModuleDocumentationAndReadinessReportOfTheAdoptersCode() throws IOException {
        plainRun();
        Path docs = plainRunFolder.resolve("docs");

        assertThat(docs.resolve("modules/README.md")).content()
                .contains("rental -->|\"2 call sites\"| bike", "rental -.->|\"uses types\"| system")
                .doesNotContain("testdata");
        assertThat(docs.resolve("modules/module-rental.adoc")).exists();
        assertThat(docs.resolve("extraction-readiness.md")).content()
                .contains("| model | ", "Shared kernel: bike, customer, rental build on it")
                .contains("| system | ", "Types only: no module calls it and it calls none, but rental use its types")
                .contains("- synchronous call sites into it: `rental: RentalController.rent → Bike.getDailyRate`, "
                        + "`rental: RentalController.rent → BikeRepository.findById`");
    }

    @Test
    void freezingRecordsTodaysViolationsAfterWhichOnlyANewOneFails(@TempDir Path work) throws IOException {
        Path baseline = work.resolve("architecture-baseline");
        ArchitectureRun run = ArchitectureRun.of(baseline, work.resolve("docs"));

        Outcome frozen = run.freezing().run();
        assertThat(frozen.failed()).isEmpty();
        assertThat(storedViolations(baseline)).contains(RENTALS + "customer.CustomerController.show(java.lang.String)> "
                + "calls method <java.lang.NumberFormatException.printStackTrace()>", RENTALS + "bike.BikeController.bikes>");

        assertThat(run.run().failed()).as("the next build, on the same code").isEmpty();

        Outcome withNewCode = run.withExtraClass(work.resolve("new-code"), "bike", "BikeInventoryReport", """
                package org.example.rentals.bike;

                public class BikeInventoryReport {
                    public void print(int bikes) {
                        System.out.println(bikes + " bikes");
                    }
                }
                """).run();
        assertThat(withNewCode.failed()).containsExactly("no_standard_streams");
        assertThat(withNewCode.report("no_standard_streams"))
                .contains("was violated (1 times)")
                .contains("Method <" + RENTALS + "bike.BikeInventoryReport.print(int)> gets field <java.lang.System.out>")
                .doesNotContain("CustomerController");

        List<String> strict = run.withoutBaseline().run().failed();
        assertThat(strict).as("the same code, baseline ignored").contains("no_standard_streams", "no_field_injection");
    }

    private static String storedViolations(Path baseline) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(baseline)) {
            for (Path file : files.toList()) {
                all.append(Files.readString(file));
            }
        }
        return all.toString();
    }
}
