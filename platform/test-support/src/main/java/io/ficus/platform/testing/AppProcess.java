package io.ficus.platform.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One of our runnable jars started as a real {@code java -jar} process on a free port, the way a user runs it:
 * output goes to a log file in its own working directory, start waits (bounded) for its readiness probe, stop
 * is SIGTERM (then SIGKILL after a bound) and {@link #kill()} is a crash ({@code kill -9}).
 * <p>
 * Unless the application is given a datasource ({@code spring.datasource.url} or {@code SPRING_DATASOURCE_URL}),
 * its embedded PostgreSQL lives in {@code <working directory>/postgres}, so data survive a restart of the same
 * process and never mix with another process' data.
 */
public final class AppProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AppProcess.class);
    private static final Set<AppProcess> RUNNING = ConcurrentHashMap.newKeySet();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    static {
        // A test JVM that dies early (failed @BeforeAll, Ctrl-C) must not leave applications running.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(AppProcess::destroyNow),
                "app-process-cleanup"));
    }

    private final Builder settings;
    private Process process;

    private AppProcess(Builder settings) {
        this.settings = settings;
    }

    /** Settings for running {@code jar}; {@code name} names the log file and the working directory. */
    public static Builder of(Path jar, String name) {
        return new Builder(jar, name);
    }

    /** The HTTP port the application listens on (127.0.0.1). */
    public int port() {
        return settings.port;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + settings.port;
    }

    public String name() {
        return settings.name;
    }

    public Path workDirectory() {
        return settings.workDirectory;
    }

    public Path logFile() {
        return settings.workDirectory.resolve(settings.name + ".log");
    }

    /** Everything the application has logged so far (all runs in this working directory). */
    public String log() {
        try {
            return Files.exists(logFile()) ? Files.readString(logFile(), StandardCharsets.UTF_8) : "";
        }
        catch (IOException e) {
            throw new IllegalStateException("cannot read " + logFile(), e);
        }
    }

    /**
     * JDBC URL of the embedded PostgreSQL this process runs (superuser {@code postgres}, no password), read from
     * its {@code postmaster.pid}; for tests that must reach under the application, e.g. to alter a row on purpose.
     */
    public String embeddedPostgresJdbcUrl() {
        Path pidFile = settings.postgresDataDirectory().resolve("postmaster.pid");
        try {
            List<String> lines = Files.readAllLines(pidFile);
            // postmaster.pid: pid, data directory, start time, port, socket directory, listen address, …
            return "jdbc:postgresql://127.0.0.1:" + lines.get(3).strip() + "/postgres";
        }
        catch (IOException | IndexOutOfBoundsException e) {
            throw new IllegalStateException(settings.name + " runs no embedded PostgreSQL in "
                    + settings.postgresDataDirectory(), e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The settings this process runs with, to start it again with changes ({@link Builder#start()}). */
    public Builder settings() {
        return settings.copy();
    }

    /** Starts the process and waits until its readiness probe answers 200. */
    AppProcess start() {
        try {
            Files.createDirectories(settings.workDirectory);
            ProcessBuilder builder = new ProcessBuilder(settings.commandLine())
                    .directory(settings.workDirectory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
            builder.environment().putAll(settings.environment);
            process = builder.start();
            RUNNING.add(this);
        }
        catch (IOException e) {
            throw new IllegalStateException("cannot start " + settings.name + ": " + e.getMessage(), e);
        }
        log.info("Started {} (pid {}) on port {}, log {}", settings.name, process.pid(), settings.port, logFile());
        awaitReady();
        return this;
    }

    /** Stops and starts the same process again: same port, same working directory, same data. */
    public AppProcess restart() {
        stop();
        return start();
    }

    /** SIGTERM, then SIGKILL if it has not ended within the stop bound. */
    public void stop() {
        if (!isAlive()) {
            return;
        }
        process.destroy();
        if (!awaitExit(settings.stopTimeout)) {
            log.warn("{} did not stop within {} after SIGTERM: killing it", settings.name, settings.stopTimeout);
            process.destroyForcibly();
            awaitExit(Duration.ofSeconds(30));
        }
        RUNNING.remove(this);
    }

    /**
     * A crash: SIGKILL, no shutdown hooks. The embedded PostgreSQL it started keeps running orphaned, as after a
     * real crash; the next start of the application clears it, {@link #close()} stops it.
     */
    public void kill() {
        if (!isAlive()) {
            return;
        }
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
        RUNNING.remove(this);
    }

    /**
     * Closes each of a test's processes and helpers in the order given (the edge first), skipping those never started
     * (null); an exception from one does not keep the others running.
     */
    public static void closeAll(AutoCloseable... parts) {
        RuntimeException first = null;
        for (AutoCloseable part : parts) {
            try {
                if (part != null) {
                    part.close();
                }
            }
            catch (Exception e) {
                if (first == null) {
                    first = new IllegalStateException("could not close " + part, e);
                }
                else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Stops the process and anything it left running. */
    @Override
    public void close() {
        stop();
        OrphanedPostmaster.stop(settings.postgresDataDirectory());
    }

    private void destroyNow() {
        if (process != null) {
            process.destroyForcibly();
            awaitExit(Duration.ofSeconds(10));
        }
        OrphanedPostmaster.stop(settings.postgresDataDirectory());
    }

    private void awaitReady() {
        URI probe = URI.create("http://127.0.0.1:" + settings.healthPort() + settings.readinessPath);
        long deadline = System.nanoTime() + settings.startupTimeout.toNanos();
        long started = System.nanoTime();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(settings.name + " exited with " + process.exitValue()
                        + " during startup; last log lines:\n" + tail(80));
            }
            if (answers200(probe)) {
                log.info("{} ready after {} s", settings.name,
                        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
                return;
            }
            // between probes, wait on the process itself: an early exit ends the wait at once
            exitsWithin(process, Duration.ofMillis(500));
        }
        destroyNow();
        RUNNING.remove(this);
        throw new IllegalStateException(settings.name + " not ready within " + settings.startupTimeout + " at " + probe
                + "; last log lines:\n" + tail(80));
    }

    private static boolean answers200(URI probe) {
        try {
            HttpRequest request = HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(5)).GET().build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        }
        catch (IOException e) {
            return false;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for readiness", e);
        }
    }

    /** The last {@code lines} lines of the log, for failure messages. */
    public String tail(int lines) {
        List<String> all = log().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /**
     * Waits for this process with {@link Process#waitFor}, not its handle's {@code onExit()}: that future can
     * complete before the reaper marks the {@link Process} exited, so {@link #isAlive()} could still say true.
     */
    private boolean awaitExit(Duration bound) {
        try {
            return process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /** Waits at most {@code bound} for the process to end; true if it has ended. */
    public static boolean waitForExit(ProcessHandle handle, Duration bound) {
        try {
            handle.onExit().get(bound.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !handle.isAlive();
        }
        catch (Exception e) {
            return !handle.isAlive();
        }
    }

    private static void exitsWithin(Process process, Duration bound) {
        try {
            process.onExit().get(bound.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (TimeoutException e) {
            // still running: probe readiness again
        }
        catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for readiness", e);
        }
    }

    @Override
    public String toString() {
        return settings.name + "@" + baseUrl();
    }

    /** How to run one jar; {@link #start()} runs it. */
    public static final class Builder {

        private final Path jar;
        private final String name;
        private Path workDirectory;
        private int port;
        private Integer healthPort;
        private String readinessPath = "/actuator/health/readiness";
        private Duration startupTimeout = Duration.ofSeconds(180);
        private Duration stopTimeout = Duration.ofSeconds(60);
        private final List<String> jvmOptions = new ArrayList<>();
        private final Map<String, String> properties = new LinkedHashMap<>();
        private final Map<String, String> environment = new LinkedHashMap<>();

        private Builder(Path jar, String name) {
            this(jar, name, Path.of("target", "apps", name + "-" + Long.toString(System.nanoTime(), 36)),
                    FreePorts.next());
        }

        private Builder(Path jar, String name, Path workDirectory, int port) {
            this.jar = jar.toAbsolutePath();
            this.name = name;
            this.workDirectory = workDirectory.toAbsolutePath();
            this.port = port;
        }

        /** Working directory (relative {@code data/…} folders, the log); default {@code target/apps/<name>-<id>}. */
        public Builder workDirectory(Path directory) {
            this.workDirectory = directory.toAbsolutePath();
            return this;
        }

        /** The HTTP port it will listen on, known before it starts (to point other processes at it). */
        public int port() {
            return port;
        }

        /** HTTP port; default a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Port serving the readiness probe when it is not the HTTP port (a separate management port). */
        public Builder healthPort(int port) {
            this.healthPort = port;
            return this;
        }

        public Builder readinessPath(String path) {
            this.readinessPath = path;
            return this;
        }

        public Builder startupTimeout(Duration timeout) {
            this.startupTimeout = timeout;
            return this;
        }

        public Builder stopTimeout(Duration timeout) {
            this.stopTimeout = timeout;
            return this;
        }

        /** An option for the JVM itself, e.g. {@code -Xmx512m}. */
        public Builder jvmOption(String option) {
            jvmOptions.add(option);
            return this;
        }

        /**
         * JVM options for a quick start on a small machine, for tests (not for figures): C1 only (the JIT then
         * costs a fraction of the CPU while several JVMs start on 2 cores) and the serial collector.
         */
        public Builder quickStart() {
            return jvmOption("-XX:TieredStopAtLevel=1").jvmOption("-XX:+UseSerialGC");
        }

        /** A Spring property, passed as {@code --key=value}; a later call for the same key replaces it. */
        public Builder property(String key, Object value) {
            properties.put(key, String.valueOf(value));
            return this;
        }

        public Builder properties(Map<String, ?> values) {
            values.forEach(this::property);
            return this;
        }

        public Builder withoutProperty(String key) {
            properties.remove(key);
            return this;
        }

        /** An environment variable of the process. */
        public Builder env(String key, String value) {
            environment.put(key, value);
            return this;
        }

        /** Starts the process and waits for it to be ready. */
        public AppProcess start() {
            return new AppProcess(copy()).start();
        }

        int healthPort() {
            return healthPort != null ? healthPort : port;
        }

        boolean hasOwnDatasource() {
            return properties.containsKey("spring.datasource.url") || environment.containsKey("SPRING_DATASOURCE_URL");
        }

        Path postgresDataDirectory() {
            String configured = properties.get("ficus.embedded-postgres.data-directory");
            return configured != null ? workDirectory.resolve(configured) : workDirectory.resolve("postgres");
        }

        List<String> commandLine() {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.add("-jar");
            command.add(jar.toString());
            command.add("--server.port=" + port);
            command.add("--server.address=127.0.0.1");
            if (!hasOwnDatasource() && !properties.containsKey("ficus.embedded-postgres.data-directory")) {
                // each process its own cluster: two applications never share (or wipe) each other's data
                command.add("--ficus.embedded-postgres.data-directory=" + postgresDataDirectory());
            }
            properties.forEach((key, value) -> command.add("--" + key + "=" + value));
            return command;
        }

        Builder copy() {
            Builder copy = new Builder(jar, name, workDirectory, port);
            copy.healthPort = healthPort;
            copy.readinessPath = readinessPath;
            copy.startupTimeout = startupTimeout;
            copy.stopTimeout = stopTimeout;
            copy.jvmOptions.addAll(jvmOptions);
            copy.properties.putAll(properties);
            copy.environment.putAll(environment);
            return copy;
        }
    }
}
