package io.ficus.architecture;

import java.nio.file.Path;
import java.util.Properties;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.freeze.FreezingArchRule;
import com.tngtech.archunit.library.freeze.TextFileBasedViolationStore;

/**
 * Freezes a rule on a legacy codebase: the violations recorded in a committed baseline are tolerated, new ones
 * fail, and fixed ones drop out of the baseline.
 *
 * <p>Without an explicit store, {@link #freeze(ArchRule)} uses ArchUnit's configured store
 * ({@code freeze.store.default.path} in {@code archunit.properties}).
 */
public final class FrozenBaseline {

    private FrozenBaseline() {
    }

    public static ArchRule freeze(ArchRule rule) {
        return FreezingArchRule.freeze(rule);
    }

    /**
     * Freezes a rule against a baseline kept in the given folder.
     *
     * @param allowCreation true to record the current violations when the folder holds no baseline for the rule
     *        yet (the one-off adoption step); false in CI, so a missing baseline fails instead of being invented
     */
    public static ArchRule freeze(ArchRule rule, Path storeFolder, boolean allowCreation) {
        Properties properties = new Properties();
        properties.setProperty("default.path", storeFolder.toString());
        properties.setProperty("default.allowStoreCreation", String.valueOf(allowCreation));
        properties.setProperty("default.allowStoreUpdate", "true");
        TextFileBasedViolationStore store = new TextFileBasedViolationStore();
        store.initialize(properties);
        return FreezingArchRule.freeze(rule).persistIn(store);
    }
}
