package io.ficus.architecture.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.ficus.architecture.ModularArchitecture;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;
import org.springframework.modulith.docs.Documenter.CanvasOptions;
import org.springframework.modulith.docs.Documenter.Options;

/**
 * Produces the generated documentation, as file contents keyed by their path under {@code docs/}: the module
 * overview with its Mermaid diagram, Spring Modulith's module canvases, and the extraction-readiness report.
 */
public final class GeneratedDocs {

    public static final String MODULES_FOLDER = "modules";
    public static final String READINESS_REPORT = "extraction-readiness.md";

    private GeneratedDocs() {
    }

    public static SortedMap<String, String> of(ModularArchitecture architecture, JavaClasses classes) {
        ApplicationModules modules = architecture.layout().applicationModules();
        String systemName = modules.getSystemName().orElse(architecture.layout().basePackage());
        List<ModuleFacts> facts = SystemFacts.of(architecture, classes);
        SortedMap<String, String> files = new TreeMap<>(canvases(modules));
        files.put(MODULES_FOLDER + "/README.md", ModuleOverview.of(systemName, facts));
        files.put(READINESS_REPORT, ReadinessReport.of(systemName, facts));
        return files;
    }

    /** Spring Modulith writes the canvases into a folder of its own choosing; they are read back from a scratch one. */
    private static SortedMap<String, String> canvases(ApplicationModules modules) {
        try {
            Path scratch = Files.createTempDirectory("module-canvases");
            new Documenter(modules, Options.defaults().withOutputFolder(scratch.toString()))
                    .writeModuleCanvases(CanvasOptions.defaults());
            SortedMap<String, String> files = new TreeMap<>();
            try (Stream<Path> written = Files.list(scratch)) {
                for (Path file : written.sorted().toList()) {
                    files.put(MODULES_FOLDER + "/" + file.getFileName(),
                            CanvasNormalizer.normalize(Files.readString(file, StandardCharsets.UTF_8)));
                    Files.delete(file);
                }
            }
            Files.delete(scratch);
            return files;
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write the module canvases", e);
        }
    }
}
