package io.ficus.platform.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One embedded PostgreSQL cluster in a data directory of its own, started and stopped with the
 * application context (not by a JVM shutdown hook, which would stop it while Spring still uses it).
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    static final String SUPERUSER = "postgres";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final String ZONKY_LOCK_FILE = "epg-lock";
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /**
     * Starts a cluster in {@code dataDirectory} (created with {@code initdb} the first time), or in a fresh
     * temporary directory deleted on close when {@code ephemeral}.
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, boolean ephemeral, int port) {
        try {
            Path directory = ephemeral
                    ? Files.createTempDirectory("ficus-postgres-")
                    : dataDirectory.toAbsolutePath().normalize();
            Files.createDirectories(directory);
            if (!ephemeral && Files.exists(directory.resolve("postgresql.conf"))) {
                ensureNotInUse(directory);
                StalePostmaster.stopIfOrphaned(directory);
            }
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(ephemeral)
                    .setRegisterShutdownHook(false)
                    .setPort(port)
                    .setPGStartupWait(STARTUP_WAIT)
                    // zonky turns synchronous commit off (fine for throwaway test data); data that must
                    // survive a machine crash keeps PostgreSQL's default
                    .setServerConfig("synchronous_commit", ephemeral ? "off" : "on")
                    .start();
            log.info("Embedded PostgreSQL listening on 127.0.0.1:{} with its data in {}{}", postgres.getPort(),
                    directory, ephemeral ? " (ephemeral)" : " (set spring.datasource.url to use another server)");
            return new EmbeddedPostgresServer(postgres, directory);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    /**
     * Fails when another live process holds the directory; the lock of a killed process is released by
     * the operating system, so after {@code kill -9} this passes.
     */
    private static void ensureNotInUse(Path directory) throws IOException {
        Path lockFile = directory.resolve(ZONKY_LOCK_FILE);
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw new IllegalStateException("Embedded PostgreSQL data directory " + directory
                        + " is in use by another running process; stop it or set ficus.embedded-postgres.data-directory");
            }
        }
        catch (OverlappingFileLockException e) {
            throw new IllegalStateException("Embedded PostgreSQL data directory " + directory
                    + " is already in use by this JVM", e);
        }
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl(SUPERUSER, "postgres");
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
