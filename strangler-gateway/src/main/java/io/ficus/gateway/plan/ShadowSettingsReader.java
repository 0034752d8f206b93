package io.ficus.gateway.plan;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.ficus.gateway.plan.MigrationPlanDocument.ArrayKeyDocument;
import io.ficus.gateway.plan.MigrationPlanDocument.ShadowDocument;

import org.springframework.util.unit.DataSize;

/** Turns a route's {@code shadow:} block into settings, defaults filled in, every problem reported. */
final class ShadowSettingsReader {

    private static final int MAX_SAMPLES = 1000;

    private ShadowSettingsReader() {
    }

    static ShadowSettings read(ShadowDocument document, String label, List<String> problems) {
        ShadowSettings defaults = ShadowSettings.DEFAULTS;
        if (document == null) {
            return defaults;
        }
        String prefix = label + ": shadow.";
        List<String> ignorePaths = document.ignorePaths() == null ? defaults.ignorePaths()
                : document.ignorePaths().stream().map(path -> normalized(path, prefix + "ignore-paths", problems))
                        .toList();
        Map<String, String> arrayKeys = new LinkedHashMap<>();
        if (document.arrayKeys() != null) {
            for (ArrayKeyDocument arrayKey : document.arrayKeys()) {
                String path = normalized(arrayKey.path(), prefix + "array-keys", problems);
                if (arrayKey.key() == null || arrayKey.key().isBlank()) {
                    problems.add(prefix + "array-keys: '" + arrayKey.path() + "' needs a key (the field that "
                            + "identifies an element, e.g. {path: $.items, key: sku})");
                }
                else if (!path.startsWith(FieldPaths.ROOT)) {
                    problems.add(prefix + "array-keys: '" + arrayKey.path() + "' must be a JSON path ($...)");
                }
                else {
                    arrayKeys.put(path, arrayKey.key().trim());
                }
            }
        }
        return new ShadowSettings(
                names(document.compareHeaders(), defaults.compareHeaders()),
                ignorePaths,
                arrayKeys,
                within(document.samples(), defaults.samples(), 0, MAX_SAMPLES, prefix + "samples", problems),
                bytes(document.sampleBodyLimit(), defaults.sampleBodyLimit(), prefix + "sample-body-limit", problems),
                bytes(document.compareBodyLimit(), defaults.compareBodyLimit(), prefix + "compare-body-limit", problems),
                names(document.redactHeaders(), defaults.redactHeaders()),
                positive(document.timeout(), defaults.timeout(), prefix + "timeout", problems),
                within(document.maxConcurrency(), defaults.maxConcurrency(), 1, 10_000, prefix + "max-concurrency",
                        problems),
                within(document.queue(), defaults.queue(), 0, 100_000, prefix + "queue", problems),
                within(document.maxRate(), defaults.maxRate(), 0, 100_000, prefix + "max-rate", problems),
                notNegative(document.calibrationInterval(), defaults.calibrationInterval(),
                        prefix + "calibration-interval", problems));
    }

    private static String normalized(String path, String label, List<String> problems) {
        try {
            return FieldPaths.normalize(path);
        }
        catch (IllegalArgumentException e) {
            problems.add(label + ": " + e.getMessage());
            return String.valueOf(path);
        }
    }

    private static List<String> names(List<String> configured, List<String> fallback) {
        return configured == null ? fallback
                : configured.stream().filter(name -> name != null && !name.isBlank()).map(String::trim).toList();
    }

    private static int within(Integer value, int fallback, int min, int max, String label, List<String> problems) {
        if (value == null) {
            return fallback;
        }
        if (value < min || value > max) {
            problems.add(label + " must be within " + min + ".." + max + ", was " + value);
        }
        return value;
    }

    private static int bytes(DataSize value, int fallback, String label, List<String> problems) {
        return within(value == null ? null : (int) Math.min(Integer.MAX_VALUE, value.toBytes()), fallback, 1,
                64 * 1024 * 1024, label, problems);
    }

    private static Duration positive(Duration value, Duration fallback, String label, List<String> problems) {
        return check(value, fallback, d -> d.isNegative() || d.isZero() ? " must be positive, was " : null, label,
                problems);
    }

    private static Duration notNegative(Duration value, Duration fallback, String label, List<String> problems) {
        return check(value, fallback, d -> d.isNegative() ? " must not be negative, was " : null, label, problems);
    }

    private static Duration check(Duration value, Duration fallback, Function<Duration, String> problem,
            String label, List<String> problems) {
        if (value == null) {
            return fallback;
        }
        String wrong = problem.apply(value);
        if (wrong != null) {
            problems.add(label + wrong + value);
        }
        return value;
    }
}
