package io.ficus.platform.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clears what a killed application leaves behind: {@code pg_ctl} daemonises the postmaster, so after
 * {@code kill -9} of the JVM it keeps running (orphaned) and its {@code postmaster.pid} blocks the next start.
 * Only called once the caller holds the directory, so a live postmaster found there has no owner left.
 */
final class StalePostmaster {

    private static final Logger log = LoggerFactory.getLogger(StalePostmaster.class);
    private static final String PID_FILE = "postmaster.pid";

    private StalePostmaster() {
    }

    static void stopIfOrphaned(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve(PID_FILE);
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<ProcessHandle> postmaster = readPid(pidFile).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
        if (postmaster.isPresent() && isPostgres(postmaster.get())) {
            ProcessHandle process = postmaster.get();
            log.warn("Stopping orphaned embedded PostgreSQL (pid {}) left running in {} by an earlier run",
                    process.pid(), dataDirectory);
            // SIGTERM is a "smart" shutdown; its clients died with the old JVM, so it ends promptly.
            process.destroy();
            if (!waitForExit(process, 15)) {
                process.destroyForcibly();
                waitForExit(process, 5);
            }
        }
        // Either the process is gone or the pid was reused by something that is not our postmaster.
        Files.deleteIfExists(pidFile);
    }

    private static Optional<Long> readPid(Path pidFile) throws IOException {
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(lines.get(0).trim()));
        }
        catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isPostgres(ProcessHandle process) {
        return process.info().command().map(command -> command.endsWith("postgres")).orElse(true);
    }

    private static boolean waitForExit(ProcessHandle process, int seconds) {
        try {
            process.onExit().get(seconds, TimeUnit.SECONDS);
            return true;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        catch (Exception e) {
            return !process.isAlive();
        }
    }
}
