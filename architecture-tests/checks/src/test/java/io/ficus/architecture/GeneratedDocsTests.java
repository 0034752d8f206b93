package io.ficus.architecture;

import static io.ficus.architecture.FicusArchitecture.SHOP;

import java.nio.file.Path;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.ficus.architecture.docs.DocsFolder;
import io.ficus.architecture.docs.GeneratedDocs;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/modules and docs/extraction-readiness.md in line with the shop's code: rewritten by a local build,
 * checked in CI (CI set), where a stale copy fails the build.
 */
class GeneratedDocsTests {

    @Test
    void committedModuleDocumentationAndReadinessReportMatchTheCode() {
        var classes = new ClassFileImporter().importPackages(SHOP.layout().basePackage());
        var docs = new DocsFolder(Path.of(System.getProperty("docs.dir", "../docs")));

        docs.synchronise(GeneratedDocs.of(SHOP, classes), runsInCi() && !Boolean.getBoolean("docs.update"));
    }

    private static boolean runsInCi() {
        String ci = System.getenv().getOrDefault("CI", System.getProperty("CI", ""));
        return !ci.isBlank() && !ci.equalsIgnoreCase("false");
    }
}
