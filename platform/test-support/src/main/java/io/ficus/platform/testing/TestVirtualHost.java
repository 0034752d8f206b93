package io.ficus.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.ficus.platform.broker.EmbeddedAmqpBroker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A broker of its own for one test class or run, so that tests never see each other's exchanges, queues or
 * messages. Where the machine runs RabbitMQ (127.0.0.1:5672, guest/guest) it is a fresh virtual host there, created
 * and deleted with {@code rabbitmqctl} (which needs the broker's Erlang cookie: run the tests as root, as CI does, or
 * as the rabbitmq user). Where none runs, as on a laptop with only a JDK, it is an embedded Qpid Broker-J on a free
 * port, started here and stopped by {@link #close()}. {@code FICUS_TEST_BROKER=embedded} (or
 * {@code -Dficus.test-broker=embedded}) picks the embedded broker even where RabbitMQ runs.
 */
public final class TestVirtualHost implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TestVirtualHost.class);

    private static final int RABBITMQ_PORT = 5672;

    private final String name;
    private final int port;
    private final EmbeddedAmqpBroker embedded;
    private final Path embeddedData;

    private TestVirtualHost(String name, int port, EmbeddedAmqpBroker embedded, Path embeddedData) {
        this.name = name;
        this.port = port;
        this.embedded = embedded;
        this.embeddedData = embeddedData;
    }

    /** Creates a fresh virtual host named after the given prefix, with full permissions for guest. */
    public static TestVirtualHost create(String prefix) {
        if (!machineRabbitMq()) {
            return embedded(prefix);
        }
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        rabbitmqctl("add_vhost", name);
        rabbitmqctl("set_permissions", "-p", name, "guest", ".*", ".*", ".*");
        return new TestVirtualHost(name, RABBITMQ_PORT, null, null);
    }

    private static TestVirtualHost embedded(String prefix) {
        Path data;
        try {
            data = Files.createTempDirectory("ficus-test-broker-" + prefix + "-");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int port = FreePorts.next();
        EmbeddedAmqpBroker broker = new EmbeddedAmqpBroker(port, "127.0.0.1", data);
        broker.start();
        log.info("No RabbitMQ on 127.0.0.1:{} (or FICUS_TEST_BROKER=embedded): embedded broker for '{}' on port {}",
                RABBITMQ_PORT, prefix, port);
        // Spring's default virtual host "/" reaches Qpid's default virtual host
        return new TestVirtualHost("/", port, broker, data);
    }

    /** The machine's RabbitMQ, unless told otherwise: its port answers and rabbitmqctl can manage it. */
    private static boolean machineRabbitMq() {
        String choice = System.getProperty("ficus.test-broker", System.getenv().getOrDefault("FICUS_TEST_BROKER", ""));
        if (choice.equalsIgnoreCase("embedded")) {
            return false;
        }
        if (choice.equalsIgnoreCase("rabbitmq")) {
            return true;
        }
        return Machine.RABBITMQ;
    }

    /** Decided once per JVM: asking rabbitmqctl costs a second or two. */
    private static final class Machine {

        static final boolean RABBITMQ = portAnswers() && rabbitmqctlWorks();

        private static boolean portAnswers() {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", RABBITMQ_PORT), 1_000);
                return true;
            }
            catch (IOException e) {
                return false;
            }
        }

        /** Three tries: on a loaded machine one call can fail to reach the node although the next one does. */
        private static boolean rabbitmqctlWorks() {
            IllegalStateException last = null;
            for (int attempt = 1; attempt <= 3; attempt++) {
                try {
                    rabbitmqctl("status");
                    return true;
                }
                catch (IllegalStateException e) {
                    last = e;
                }
            }
            log.warn("Port {} answers but rabbitmqctl cannot manage it ({}): using an embedded broker",
                    RABBITMQ_PORT, last.getMessage());
            return false;
        }
    }

    public String name() {
        return name;
    }

    /** The AMQP port of this test's broker (5672 for the machine's RabbitMQ). */
    public int port() {
        return port;
    }

    /** The value for {@code spring.rabbitmq.virtual-host}. */
    public String springProperty() {
        return "spring.rabbitmq.virtual-host=" + name;
    }

    /**
     * Spring properties that point an application at this virtual host (127.0.0.1, guest/guest); setting them also
     * keeps an application from starting an embedded broker of its own.
     */
    public Map<String, String> springProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.rabbitmq.host", "127.0.0.1");
        properties.put("spring.rabbitmq.port", Integer.toString(port));
        properties.put("spring.rabbitmq.username", "guest");
        properties.put("spring.rabbitmq.password", "guest");
        properties.put("spring.rabbitmq.virtual-host", name);
        return properties;
    }

    /** How many messages wait in {@code queue} of this virtual host (ready and unacknowledged); -1 if no such queue. */
    public long messagesIn(String queue) {
        if (embedded != null) {
            return embedded.messagesIn(queue);
        }
        String output = rabbitmqctl("list_queues", "-p", name, "--no-table-headers", "name", "messages");
        return output.lines()
                .map(line -> line.strip().split("\\s+"))
                .filter(columns -> columns.length == 2 && columns[0].equals(queue))
                .mapToLong(columns -> Long.parseLong(columns[1]))
                .findFirst()
                .orElse(-1);
    }

    /** Deletes the virtual host with everything in it (the embedded broker: stops it and deletes its files). */
    @Override
    public void close() {
        if (embedded == null) {
            rabbitmqctl("delete_vhost", name);
            return;
        }
        embedded.stop();
        try (Stream<Path> files = Files.walk(embeddedData)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (IOException e) {
            log.warn("Could not delete the embedded broker's files in {}: {}", embeddedData, e.getMessage());
        }
    }

    private static String rabbitmqctl(String... args) {
        List<String> command = new ArrayList<>(List.of("rabbitmqctl", "-q"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("rabbitmqctl " + String.join(" ", args) + " did not finish in 60 s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("rabbitmqctl " + String.join(" ", args) + " failed: " + output.strip());
            }
            return output;
        }
        catch (IOException e) {
            throw new IllegalStateException("rabbitmqctl is needed to isolate tests on the machine's RabbitMQ", e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
