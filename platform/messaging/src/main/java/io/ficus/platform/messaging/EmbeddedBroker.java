package io.ficus.platform.messaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.SystemLauncherListener;
import org.apache.qpid.server.model.SystemConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * An AMQP 0-9-1 broker (Apache Qpid Broker-J) inside the application, with a durable Derby store, so that a
 * laptop with only a JDK can run an extraction. It starts in the lowest lifecycle phase, before any listener
 * container connects, and stops last.
 */
public class EmbeddedBroker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);

    private final EmbeddedBrokerProperties properties;
    private final Path dataDirectory;
    private SystemLauncher launcher;

    EmbeddedBroker(EmbeddedBrokerProperties properties, Path dataDirectory) {
        this.properties = properties;
        this.dataDirectory = dataDirectory.toAbsolutePath();
    }

    @Override
    public synchronized void start() {
        if (launcher != null) {
            return;
        }
        try {
            Files.createDirectories(dataDirectory);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot create the embedded broker's data directory " + dataDirectory, e);
        }
        // Derby writes derby.log into the working directory unless told otherwise.
        if (System.getProperty("derby.stream.error.file") == null) {
            System.setProperty("derby.stream.error.file", dataDirectory.resolve("derby.log").toString());
        }
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        SystemLauncher candidate = new SystemLauncher(new FailureCapturingListener(failure));
        try {
            // startup() logs most failures and returns normally: the listener tells whether it really started.
            candidate.startup(attributes());
        }
        catch (Exception e) {
            failure.compareAndSet(null, new IllegalStateException(e.getMessage(), e));
        }
        if (failure.get() != null) {
            candidate.shutdown();
            throw new IllegalStateException("Embedded AMQP broker did not start on port " + properties.port()
                    + ": " + failure.get().getMessage(), failure.get());
        }
        launcher = candidate;
        log.info("Embedded AMQP broker (Qpid Broker-J) listening on {}:{}, data in {}", properties.bindAddress(),
                properties.port(), dataDirectory);
    }

    private Map<String, Object> attributes() {
        Map<String, Object> context = new HashMap<>();
        context.put("qpid.work_dir", dataDirectory.toString());
        context.put("qpid.amqp_port", String.valueOf(properties.port()));
        context.put("qpid.amqp_bind_address", properties.bindAddress());
        Map<String, Object> attributes = new HashMap<>();
        // The broker's own configuration is rebuilt from our initial config; messages live in the Derby node.
        attributes.put("type", "JSON");
        attributes.put("storePath", dataDirectory.resolve("broker-config.json").toString());
        attributes.put("context", context);
        attributes.put(SystemConfig.INITIAL_CONFIGURATION_LOCATION, resource("embedded-broker.json"));
        // The default, classpath:system.properties, is a URL Java cannot open ("unknown protocol: classpath").
        attributes.put(SystemConfig.INITIAL_SYSTEM_PROPERTIES_LOCATION, resource("embedded-broker-system.properties"));
        attributes.put(SystemConfig.STARTUP_LOGGED_TO_SYSTEM_OUT, false);
        return attributes;
    }

    private static String resource(String name) {
        URL url = EmbeddedBroker.class.getResource(name);
        if (url == null) {
            throw new IllegalStateException("Missing resource " + name + " next to " + EmbeddedBroker.class.getName());
        }
        return url.toExternalForm();
    }

    @Override
    public synchronized void stop() {
        if (launcher != null) {
            launcher.shutdown();
            launcher = null;
            log.info("Embedded AMQP broker stopped");
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return launcher != null;
    }

    /** Before anything that may connect to it; stopped after them. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE;
    }

    public int port() {
        return properties.port();
    }

    /** Remembers the error Qpid reports through its listener rather than by throwing. */
    private record FailureCapturingListener(AtomicReference<RuntimeException> failure)
            implements SystemLauncherListener {

        @Override
        public void beforeStartup() {
        }

        @Override
        public void errorOnStartup(RuntimeException e) {
            failure.compareAndSet(null, e);
        }

        @Override
        public void afterStartup() {
        }

        @Override
        public void onContainerResolve(org.apache.qpid.server.model.SystemConfig<?> systemConfig) {
        }

        @Override
        public void onContainerClose(org.apache.qpid.server.model.SystemConfig<?> systemConfig) {
        }

        @Override
        public void onShutdown(int exitCode) {
        }

        @Override
        public void exceptionOnShutdown(Exception e) {
            log.warn("Embedded AMQP broker shutdown: {}", e.getMessage());
        }
    }
}
