package io.ficus.platform.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AppProcessTests {

    @TempDir
    static Path temp;

    static Path jar;

    @BeforeAll
    static void packFixtureJar() throws IOException {
        jar = temp.resolve("fixture.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FixtureApp.class.getName());
        String entry = FixtureApp.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new JarEntry(entry));
            out.write(FixtureApp.class.getClassLoader().getResourceAsStream(entry).readAllBytes());
            out.closeEntry();
        }
    }

    @Test
    void startsTheJarOnAFreePortWithItsOwnDatabaseFolderAndWaitsForReadiness() throws IOException {
        try (AppProcess app = AppProcess.of(jar, "fixture").workDirectory(temp.resolve("ready"))
                .property("some.setting", "on").env("FIXTURE_ENV", "from-env").start()) {
            assertThat(app.isAlive()).isTrue();
            String arguments = Files.readString(app.workDirectory().resolve("arguments.txt"));
            assertThat(arguments).contains("--server.port=" + app.port(), "--some.setting=on", "env from-env",
                    "--ficus.embedded-postgres.data-directory=" + app.workDirectory().resolve("postgres"));
            assertThat(app.log()).contains("fixture listening on " + app.port());
        }
    }

    @Test
    void leavesTheDatabaseFolderAloneWhenGivenADatasource() throws IOException {
        try (AppProcess app = AppProcess.of(jar, "fixture").workDirectory(temp.resolve("datasource"))
                .env("SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:5432/elsewhere").start()) {
            assertThat(Files.readString(app.workDirectory().resolve("arguments.txt")))
                    .doesNotContain("ficus.embedded-postgres.data-directory");
        }
    }

    @Test
    void stopsWithSigtermAndRestartsOnTheSamePort() {
        try (AppProcess app = AppProcess.of(jar, "fixture").workDirectory(temp.resolve("restart")).start()) {
            int port = app.port();
            long firstPid = app.pid();
            app.restart();
            assertThat(app.port()).isEqualTo(port);
            assertThat(app.pid()).isNotEqualTo(firstPid);
            assertThat(app.log()).contains("fixture stopping on SIGTERM");
            app.stop();
            assertThat(app.isAlive()).isFalse();
        }
    }

    @Test
    void killIsACrashWithoutShutdownHooks() {
        try (AppProcess app = AppProcess.of(jar, "fixture").workDirectory(temp.resolve("crash")).start()) {
            app.kill();
            assertThat(app.isAlive()).isFalse();
            assertThat(app.log()).doesNotContain("fixture stopping on SIGTERM");
        }
    }

    @Test
    void anApplicationThatExitsDuringStartupFailsWithItsLog() {
        assertThatThrownBy(() -> AppProcess.of(jar, "fixture").workDirectory(temp.resolve("fails"))
                .property("fixture.fail", true).start())
                .hasMessageContaining("exited with 3 during startup")
                .hasMessageContaining("fixture refuses to start");
    }

    @Test
    void anApplicationNeverReadyIsStoppedAfterTheBound() {
        assertThatThrownBy(() -> AppProcess.of(jar, "fixture").workDirectory(temp.resolve("never"))
                .readinessPath("/nothing-here").startupTimeout(Duration.ofSeconds(3)).start())
                .hasMessageContaining("not ready within PT3S");
    }
}
