package io.ficus.platform.postgres;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The embedded cluster keeps its data, survives its owner being killed, and is never shared by accident. */
class EmbeddedPostgresServerTests {

    @TempDir
    Path dataDirectory;

    @Test
    void keepsDataAcrossRestarts() throws Exception {
        try (EmbeddedPostgresServer first = EmbeddedPostgresServer.start(dataDirectory, false, 0)) {
            execute(first, "create table kept (n int)", "insert into kept values (42)");
        }
        try (EmbeddedPostgresServer second = EmbeddedPostgresServer.start(dataDirectory, false, 0)) {
            assertThat(query(second, "select n from kept")).containsExactly("42");
        }
    }

    @Test
    void commitsDurablyUnlessEphemeral() throws Exception {
        try (EmbeddedPostgresServer persistent = EmbeddedPostgresServer.start(dataDirectory, false, 0)) {
            assertThat(query(persistent, "show synchronous_commit")).containsExactly("on");
        }
        try (EmbeddedPostgresServer ephemeral = EmbeddedPostgresServer.start(dataDirectory, true, 0)) {
            assertThat(query(ephemeral, "show synchronous_commit")).containsExactly("off");
        }
    }

    @Test
    void startsAgainAfterItsOwnerWasKilled() throws Exception {
        Process owner = new ProcessBuilder(javaExecutable(), "-cp", System.getProperty("java.class.path"),
                ClusterOwner.class.getName(), dataDirectory.toString()).redirectErrorStream(true).start();
        try {
            assertThat(awaitReady(owner)).as("child JVM started its cluster").isTrue();
        }
        finally {
            owner.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        // The killed JVM's postmaster is still running, orphaned, and its postmaster.pid is still there.
        assertThat(dataDirectory.resolve("postmaster.pid")).exists();

        try (EmbeddedPostgresServer restarted = EmbeddedPostgresServer.start(dataDirectory, false, 0)) {
            assertThat(query(restarted, "select name from survivor")).containsExactly("written before kill -9");
        }
    }

    @Test
    void refusesDataDirectoryInUseByAnotherServer() throws Exception {
        try (EmbeddedPostgresServer first = EmbeddedPostgresServer.start(dataDirectory, false, 0)) {
            assertThatIllegalStateException()
                    .isThrownBy(() -> EmbeddedPostgresServer.start(dataDirectory, false, 0))
                    .withMessageContaining(dataDirectory.toString());
            assertThat(query(first, "select 1")).containsExactly("1");
        }
    }

    @Test
    void deletesEphemeralClusterOnClose() throws Exception {
        Path directory;
        try (EmbeddedPostgresServer ephemeral = EmbeddedPostgresServer.start(dataDirectory, true, 0)) {
            directory = ephemeral.dataDirectory();
            assertThat(directory).isNotEqualTo(dataDirectory);
            assertThat(directory.resolve("postgresql.conf")).exists();
        }
        assertThat(Files.exists(directory)).isFalse();
    }

    private static boolean awaitReady(Process process) throws Exception {
        CompletableFuture<Boolean> ready = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                return out.lines().anyMatch(line -> line.contains(ClusterOwner.READY));
            }
            catch (Exception e) {
                return false;
            }
        });
        return ready.get(90, TimeUnit.SECONDS);
    }

    private static String javaExecutable() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }

    private static void execute(EmbeddedPostgresServer server, String... statements) throws Exception {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl());
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static List<String> query(EmbeddedPostgresServer server, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }
}
