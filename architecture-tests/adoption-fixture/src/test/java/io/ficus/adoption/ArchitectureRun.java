package io.ficus.adoption;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.tools.ToolProvider;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs the adopter's {@code org.example.rentals.ArchitectureTests} through the JUnit Platform, as Maven would, with
 * the Ficus settings an adopter passes as {@code -D} options, and records each test's outcome and failure report.
 *
 * @param baseline the frozen-baseline folder ({@code ficus.baseline.path})
 * @param docs where the generated docs go ({@code ficus.docs.dir})
 * @param freeze true to run with {@code -Dficus.freeze=true}
 * @param extraClasses a folder of classes added to the classpath for this run (code written after freezing), or null
 * @param settings further {@code -Dficus.*} settings
 */
record ArchitectureRun(Path baseline, Path docs, boolean freeze, Path extraClasses, Map<String, String> settings) {

    static final String ADOPTERS_TESTS = "org.example.rentals.ArchitectureTests";

    static ArchitectureRun of(Path baseline, Path docs) {
        return new ArchitectureRun(baseline, docs, false, null, Map.of());
    }

    ArchitectureRun freezing() {
        return new ArchitectureRun(baseline, docs, true, extraClasses, settings);
    }

    ArchitectureRun withoutBaseline() {
        return new ArchitectureRun(baseline.resolveSibling(baseline.getFileName() + "-none"), docs, freeze, extraClasses,
                settings);
    }

    ArchitectureRun with(String setting, String value) {
        Map<String, String> more = new LinkedHashMap<>(settings);
        more.put(setting, value);
        return new ArchitectureRun(baseline, docs, freeze, extraClasses, more);
    }

    /** The same run with one more main class of the application, compiled from source into the given folder. */
    ArchitectureRun withExtraClass(Path folder, String module, String simpleName, String source) {
        Path sources = folder.resolve("src/org/example/rentals/" + module);
        Path classes = folder.resolve("classes");
        try {
            Files.createDirectories(sources);
            Files.createDirectories(classes);
            Path file = Files.writeString(sources.resolve(simpleName + ".java"), source);
            int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, "--release", "17", "-d",
                    classes.toString(), file.toString());
            if (status != 0) {
                throw new IllegalStateException("javac failed on " + file);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ArchitectureRun(baseline, docs, freeze, classes, settings);
    }

    Outcome run() {
        Map<String, String> previous = new LinkedHashMap<>();
        set(previous, "ficus.baseline.path", baseline.toString());
        set(previous, "ficus.docs.dir", docs.toString());
        set(previous, "ficus.freeze", String.valueOf(freeze));
        settings.forEach((key, value) -> set(previous, key, value));
        Thread thread = Thread.currentThread();
        ClassLoader original = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(extraUrls(), original)) {
            thread.setContextClassLoader(loader);
            Outcome outcome = new Outcome();
            LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClass(ADOPTERS_TESTS))
                    .filters(EngineFilter.includeEngines("archunit"))
                    .build(), outcome);
            return outcome;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        finally {
            thread.setContextClassLoader(original);
            previous.forEach((key, value) -> {
                if (value == null) {
                    System.clearProperty(key);
                }
                else {
                    System.setProperty(key, value);
                }
            });
        }
    }

    private URL[] extraUrls() throws MalformedURLException {
        return extraClasses == null ? new URL[0] : new URL[] { extraClasses.toUri().toURL() };
    }

    private static void set(Map<String, String> previous, String key, String value) {
        previous.put(key, System.getProperty(key));
        System.setProperty(key, value);
    }

    /** Each test's outcome, by its display name (the rule's field name), with the report of those that failed. */
    static final class Outcome implements TestExecutionListener {

        private final Map<String, String> reports = new LinkedHashMap<>();
        private final List<String> failed = new ArrayList<>();
        private final List<String> passed = new ArrayList<>();

        @Override
        public void executionFinished(TestIdentifier test, TestExecutionResult result) {
            if (!test.isTest()) {
                return;
            }
            // "ModularMonolithRules > no_field_injection": the rule's field, under the class ArchTests.in(..) included
            String name = test.getDisplayName().substring(test.getDisplayName().lastIndexOf(' ') + 1);
            if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
                passed.add(name);
                return;
            }
            failed.add(name);
            reports.put(name, result.getThrowable().map(Throwable::getMessage).orElse(""));
        }

        List<String> failed() {
            return failed;
        }

        List<String> passed() {
            return passed;
        }

        String report(String test) {
            return reports.getOrDefault(test, "");
        }
    }
}
