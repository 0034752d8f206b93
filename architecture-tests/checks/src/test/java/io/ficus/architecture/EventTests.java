package io.ficus.architecture;

import static io.ficus.architecture.FicusArchitecture.SHOP;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The shop's events are past-tense records published only by the module that owns them. */
@AnalyzeClasses(packages = "io.ficus", importOptions = ImportOption.DoNotIncludeTests.class)
class EventTests {

    @ArchTest
    static final ArchRule events_are_records = SHOP.events().eventsAreRecords();

    @ArchTest
    static final ArchRule events_are_named_in_the_past_tense = SHOP.events().eventsAreNamedInThePastTense();

    @ArchTest
    static final ArchRule events_are_published_only_by_their_owning_module = SHOP.events().eventsArePublishedOnlyByTheirOwningModule();
}
