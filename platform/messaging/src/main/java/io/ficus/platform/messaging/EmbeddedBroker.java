package io.ficus.platform.messaging;

import java.nio.file.Path;

import io.ficus.platform.broker.EmbeddedAmqpBroker;
import org.springframework.context.SmartLifecycle;

/**
 * The embedded AMQP broker as part of the application's lifecycle: it starts in the lowest phase, before any
 * listener container connects, and stops last.
 */
public class EmbeddedBroker implements SmartLifecycle {

    private final EmbeddedAmqpBroker broker;

    EmbeddedBroker(EmbeddedBrokerProperties properties, Path dataDirectory) {
        this.broker = new EmbeddedAmqpBroker(properties.port(), properties.bindAddress(), dataDirectory);
    }

    @Override
    public void start() {
        broker.start();
    }

    @Override
    public void stop() {
        broker.stop();
    }

    @Override
    public boolean isRunning() {
        return broker.isRunning();
    }

    /** Before anything that may connect to it; stopped after them. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE;
    }

    public int port() {
        return broker.port();
    }
}
