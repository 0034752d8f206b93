package io.ficus.migration;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the build copied the runnable jars under test ({@code target/apps}, see the pom). */
final class AppJars {

    private AppJars() {
    }

    static Path of(String artifactId) {
        Path jar = Path.of(System.getProperty("ficus.apps.directory", "target/apps"), artifactId + "-exec.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the suite through Maven, which copies the jars");
        }
        return jar;
    }
}
