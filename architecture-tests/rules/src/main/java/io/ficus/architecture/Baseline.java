package io.ficus.architecture;

import java.nio.file.Files;
import java.nio.file.Path;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The adopter's frozen baseline: with {@code -Dficus.freeze=true} every rule records today's violations in the
 * baseline folder and passes; afterwards a rule with a recorded baseline fails only on violations not in it, and a
 * fixed violation drops out of the file; a rule without one is checked in full.
 *
 * <p>The folder is {@code ficus.baseline.path}, by default {@code architecture-baseline} in the module's folder (the
 * working directory of Maven's and Gradle's test runs): one file per rule, one line per violation, line numbers
 * ignored when matching, so moving code keeps its entry.
 */
public final class Baseline {

    public static final String DEFAULT_PATH = "architecture-baseline";
    private static final String STORE_INDEX = "stored.rules";
    private static final Logger LOG = LoggerFactory.getLogger(Baseline.class);

    private Baseline() {
    }

    /** Evaluates the rule against the baseline: recording it when freezing, honouring it when one is recorded. */
    public static EvaluationResult evaluate(ArchRule rule, JavaClasses classes) {
        Path folder = folder();
        if (Settings.flag(Settings.FREEZE)) {
            ArchRule recording = FrozenBaseline.freeze(rule, folder, true);
            // re-freezing replaces an older baseline of the rule with today's violations instead of keeping its lines
            EvaluationResult result = ArchConfiguration.withThreadLocalScope(configuration -> {
                configuration.setProperty("freeze.refreeze", "true");
                return recording.evaluate(classes);
            });
            LOG.info("Froze {} violation(s) of rule '{}' in {}", FrozenBaseline.store(folder, false).getViolations(rule).size(),
                    nameOf(rule), folder.toAbsolutePath());
            return result;
        }
        if (isRecordedFor(rule, folder)) {
            return FrozenBaseline.freeze(rule, folder, false).evaluate(classes);
        }
        return rule.evaluate(classes);
    }

    private static String nameOf(ArchRule rule) {
        String description = rule.getDescription();
        return description.contains(", because ") ? description.substring(0, description.indexOf(", because ")) : description;
    }

    public static Path folder() {
        return Path.of(Settings.get(Settings.BASELINE_PATH, DEFAULT_PATH));
    }

    private static boolean isRecordedFor(ArchRule rule, Path folder) {
        return Files.isRegularFile(folder.resolve(STORE_INDEX)) && FrozenBaseline.store(folder, false).contains(rule);
    }
}
