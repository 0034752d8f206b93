package io.ficus.platform.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the embedded PostgreSQL an application left behind: {@code pg_ctl} daemonises the postmaster, so after a
 * {@code kill -9} of the application it keeps running, and a test must not leave it running when it ends.
 */
final class OrphanedPostmaster {

    private static final Logger log = LoggerFactory.getLogger(OrphanedPostmaster.class);

    private OrphanedPostmaster() {
    }

    static void stop(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        try {
            if (!Files.exists(pidFile)) {
                return;
            }
            Optional<ProcessHandle> postmaster = firstLinePid(Files.readAllLines(pidFile))
                    .flatMap(ProcessHandle::of)
                    .filter(ProcessHandle::isAlive)
                    .filter(OrphanedPostmaster::isPostgres);
            if (postmaster.isEmpty()) {
                return;
            }
            ProcessHandle process = postmaster.get();
            log.info("Stopping embedded PostgreSQL (pid {}) left running in {}", process.pid(), dataDirectory);
            process.destroy(); // SIGTERM: its clients are gone, so the smart shutdown ends promptly
            if (!exited(process, 15)) {
                process.destroyForcibly();
                exited(process, 5);
            }
        }
        catch (IOException e) {
            log.warn("Could not check {} for a running PostgreSQL: {}", dataDirectory, e.getMessage());
        }
    }

    private static Optional<Long> firstLinePid(List<String> lines) {
        try {
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        }
        catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isPostgres(ProcessHandle process) {
        return process.info().command().map(command -> command.endsWith("postgres")).orElse(false);
    }

    private static boolean exited(ProcessHandle process, int seconds) {
        try {
            process.onExit().get(seconds, TimeUnit.SECONDS);
            return true;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
        catch (Exception e) {
            return !process.isAlive();
        }
    }
}
