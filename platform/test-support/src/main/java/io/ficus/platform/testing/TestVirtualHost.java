package io.ficus.platform.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A RabbitMQ virtual host of its own for one test class or run, so that tests sharing the machine's broker
 * (127.0.0.1:5672) never see each other's exchanges, queues or messages. Created and deleted with
 * {@code rabbitmqctl}, which needs the broker's Erlang cookie: run the tests as root (CI does) or as the
 * rabbitmq user.
 */
public final class TestVirtualHost implements AutoCloseable {

    private final String name;

    private TestVirtualHost(String name) {
        this.name = name;
    }

    /** Creates a fresh virtual host named after the given prefix, with full permissions for guest. */
    public static TestVirtualHost create(String prefix) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        rabbitmqctl("add_vhost", name);
        rabbitmqctl("set_permissions", "-p", name, "guest", ".*", ".*", ".*");
        return new TestVirtualHost(name);
    }

    public String name() {
        return name;
    }

    /** The value for {@code spring.rabbitmq.virtual-host}. */
    public String springProperty() {
        return "spring.rabbitmq.virtual-host=" + name;
    }

    /**
     * Spring properties that point an application at this virtual host of the machine's RabbitMQ
     * (127.0.0.1:5672, guest/guest); setting them also keeps an application from starting an embedded broker.
     */
    public Map<String, String> springProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.rabbitmq.host", "127.0.0.1");
        properties.put("spring.rabbitmq.port", "5672");
        properties.put("spring.rabbitmq.username", "guest");
        properties.put("spring.rabbitmq.password", "guest");
        properties.put("spring.rabbitmq.virtual-host", name);
        return properties;
    }

    /** How many messages wait in {@code queue} of this virtual host (ready and unacknowledged); -1 if no such queue. */
    public long messagesIn(String queue) {
        String output = rabbitmqctl("list_queues", "-p", name, "--no-table-headers", "name", "messages");
        return output.lines()
                .map(line -> line.strip().split("\\s+"))
                .filter(columns -> columns.length == 2 && columns[0].equals(queue))
                .mapToLong(columns -> Long.parseLong(columns[1]))
                .findFirst()
                .orElse(-1);
    }

    /** Deletes the virtual host with everything in it. */
    @Override
    public void close() {
        rabbitmqctl("delete_vhost", name);
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
            throw new IllegalStateException("rabbitmqctl is needed to isolate broker tests (RabbitMQ on 127.0.0.1:5672)", e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
