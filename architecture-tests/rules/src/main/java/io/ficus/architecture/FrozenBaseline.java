package io.ficus.architecture;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.freeze.FreezingArchRule;
import com.tngtech.archunit.library.freeze.TextFileBasedViolationStore;
import com.tngtech.archunit.library.freeze.ViolationStore;

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
        return FreezingArchRule.freeze(rule).persistIn(new ConfiguredStore(settings(storeFolder, allowCreation)));
    }

    /** The store kept in the folder, initialised, e.g. to ask whether it holds a rule's baseline. */
    static ViolationStore store(Path storeFolder, boolean allowCreation) {
        ConfiguredStore store = new ConfiguredStore(settings(storeFolder, allowCreation));
        store.initialize(new Properties());
        return store;
    }

    private static Properties settings(Path storeFolder, boolean allowCreation) {
        Properties properties = new Properties();
        properties.setProperty("default.path", storeFolder.toString());
        properties.setProperty("default.allowStoreCreation", String.valueOf(allowCreation));
        properties.setProperty("default.allowStoreUpdate", "true");
        return properties;
    }

    /**
     * A text-file store that keeps its own settings: ArchUnit initialises every store with the global
     * {@code freeze.store} configuration, which would override the folder and creation flag given here.
     */
    private static final class ConfiguredStore implements ViolationStore {

        private final Properties properties;
        private final TextFileBasedViolationStore delegate = new TextFileBasedViolationStore();

        ConfiguredStore(Properties properties) {
            this.properties = properties;
        }

        @Override
        public void initialize(Properties ignoredGlobalConfiguration) {
            delegate.initialize(properties);
        }

        @Override
        public boolean contains(ArchRule rule) {
            return delegate.contains(rule);
        }

        @Override
        public void save(ArchRule rule, List<String> violations) {
            delegate.save(rule, violations);
        }

        @Override
        public List<String> getViolations(ArchRule rule) {
            return delegate.getViolations(rule);
        }
    }
}
