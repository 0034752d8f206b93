package io.ficus.architecture;

import java.util.Arrays;
import java.util.List;

import com.tngtech.archunit.ArchConfiguration;

/**
 * Reads the adopter's settings: a system property ({@code -Dficus.freeze=true}) wins over the same key in
 * {@code archunit.properties} ({@code ficus.sharedModules=model}).
 */
final class Settings {

    static final String APPLICATION = "ficus.application";
    static final String BASE_PACKAGE = "ficus.basePackage";
    static final String MODULES = "ficus.modules";
    static final String SHARED_MODULES = "ficus.sharedModules";
    static final String INCLUDE_TESTS = "ficus.includeTests";
    static final String MIGRATIONS = "ficus.migrations";
    static final String FREEZE = "ficus.freeze";
    static final String BASELINE_PATH = "ficus.baseline.path";
    static final String DOCS_DIR = "ficus.docs.dir";

    private Settings() {
    }

    static String get(String key, String fallback) {
        String value = System.getProperty(key);
        if (value == null || value.isBlank()) {
            value = ArchConfiguration.get().getPropertyOrDefault(key, fallback);
        }
        return value == null ? fallback : value.trim();
    }

    static boolean flag(String key) {
        return Boolean.parseBoolean(get(key, "false"));
    }

    static List<String> list(String key) {
        return Arrays.stream(get(key, "").split(",")).map(String::trim).filter(item -> !item.isEmpty()).toList();
    }

    /** Every setting that changes which architecture is detected, to tell one detection from another. */
    static String detectionKey() {
        return String.join("|", get(APPLICATION, ""), get(BASE_PACKAGE, ""), get(MODULES, ""), get(SHARED_MODULES, ""),
                get(INCLUDE_TESTS, ""), get(MIGRATIONS, ""));
    }
}
