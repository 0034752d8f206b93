package io.ficus.architecture;

import java.nio.file.Path;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.junit.ArchTest;
import io.ficus.architecture.docs.DocsFolder;
import io.ficus.architecture.docs.GeneratedDocs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the module documentation and the extraction-readiness report of the analysed application, detected like
 * {@link ModularMonolithRules} does, into {@code ficus.docs.dir} (default {@code target/architecture-docs}):
 * {@code @ArchTest static final ArchTests docs = ArchTests.in(ModularMonolithDocs.class);}.
 */
public final class ModularMonolithDocs {

    public static final String DEFAULT_DIR = "target/architecture-docs";
    private static final Logger LOG = LoggerFactory.getLogger(ModularMonolithDocs.class);

    private ModularMonolithDocs() {
    }

    @ArchTest
    static void module_documentation_and_extraction_readiness_report_are_written(JavaClasses classes) {
        Path folder = Path.of(Settings.get(Settings.DOCS_DIR, DEFAULT_DIR));
        var files = GeneratedDocs.of(ModularArchitecture.detect(classes), classes);
        new DocsFolder(folder).synchronise(files, false);
        LOG.info("Wrote {} files of module documentation into {}: start with {} and {}", files.size(),
                folder.toAbsolutePath(), GeneratedDocs.MODULES_FOLDER + "/README.md", GeneratedDocs.READINESS_REPORT);
    }
}
