package io.ficus.platform.broker;

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
import org.apache.qpid.server.model.Broker;
import org.apache.qpid.server.model.Queue;
import org.apache.qpid.server.model.SystemConfig;
import org.apache.qpid.server.model.VirtualHost;
import org.apache.qpid.server.model.VirtualHostNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An AMQP 0-9-1 broker (Apache Qpid Broker-J) inside this JVM, with a durable Derby store, so that a laptop with
 * only a JDK can run an extraction and its tests. User guest/guest; Spring's default virtual host {@code /} reaches
 * its one virtual host.
 */
public class EmbeddedAmqpBroker {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedAmqpBroker.class);

    private final int port;
    private final String bindAddress;
    private final Path dataDirectory;
    private final AtomicReference<SystemConfig<?>> system = new AtomicReference<>();
    private SystemLauncher launcher;

    public EmbeddedAmqpBroker(int port, String bindAddress, Path dataDirectory) {
        this.port = port;
        this.bindAddress = bindAddress;
        this.dataDirectory = dataDirectory.toAbsolutePath();
    }

    /** Starts the broker unless it runs; fails with the broker's own reason when it cannot. */
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
        SystemLauncher candidate = new SystemLauncher(new ModelCapturingListener(failure, system));
        try {
            // startup() logs most failures and returns normally: the listener tells whether it really started.
            candidate.startup(attributes());
        }
        catch (Exception e) {
            failure.compareAndSet(null, new IllegalStateException(e.getMessage(), e));
        }
        if (failure.get() != null) {
            candidate.shutdown();
            throw new IllegalStateException("Embedded AMQP broker did not start on port " + port + ": "
                    + failure.get().getMessage(), failure.get());
        }
        launcher = candidate;
        log.info("Embedded AMQP broker (Qpid Broker-J) listening on {}:{}, data in {}", bindAddress, port,
                dataDirectory);
    }

    private Map<String, Object> attributes() {
        Map<String, Object> context = new HashMap<>();
        context.put("qpid.work_dir", dataDirectory.toString());
        context.put("qpid.amqp_port", String.valueOf(port));
        context.put("qpid.amqp_bind_address", bindAddress);
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
        URL url = EmbeddedAmqpBroker.class.getResource(name);
        if (url == null) {
            throw new IllegalStateException("Missing resource " + name + " next to " + EmbeddedAmqpBroker.class.getName());
        }
        return url.toExternalForm();
    }

    public synchronized void stop() {
        if (launcher != null) {
            launcher.shutdown();
            launcher = null;
            system.set(null);
            log.info("Embedded AMQP broker stopped");
        }
    }

    public synchronized boolean isRunning() {
        return launcher != null;
    }

    public int port() {
        return port;
    }

    /**
     * Messages in {@code queue}, delivered but unacknowledged ones included (as {@code rabbitmqctl list_queues
     * messages} counts them); -1 when there is no such queue.
     */
    public synchronized long messagesIn(String queue) {
        SystemConfig<?> config = system.get();
        if (launcher == null || config == null) {
            throw new IllegalStateException("the embedded broker is not running");
        }
        Broker<?> broker = (Broker<?>) config.getContainer();
        VirtualHostNode<?> node = broker.getChildByName(VirtualHostNode.class, "default");
        VirtualHost<?> host = node == null ? null : node.getVirtualHost();
        Queue<?> found = host == null ? null : host.getChildByName(Queue.class, queue);
        return found == null ? -1 : found.getQueueDepthMessages();
    }

    /** Remembers the error Qpid reports through its listener rather than by throwing, and the broker's model. */
    private record ModelCapturingListener(AtomicReference<RuntimeException> failure,
            AtomicReference<SystemConfig<?>> system) implements SystemLauncherListener {

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
        public void onContainerResolve(SystemConfig<?> systemConfig) {
            system.set(systemConfig);
        }

        @Override
        public void onContainerClose(SystemConfig<?> systemConfig) {
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
