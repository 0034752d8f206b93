package io.ficus.platform.testing;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Where the machine runs no RabbitMQ (a laptop with only a JDK), a test still gets a broker of its own: an embedded
 * one on a free port, which counts messages like rabbitmqctl does and is gone after close.
 */
class TestVirtualHostTests {

    @AfterEach
    void backToAutomatic() {
        System.clearProperty("ficus.test-broker");
    }

    @Test
    void anEmbeddedBrokerStandsInWhereNoRabbitMqRuns() throws Exception {
        System.setProperty("ficus.test-broker", "embedded");
        TestVirtualHost host = TestVirtualHost.create("embedded-check");
        try {
            assertThat(host.port()).isNotEqualTo(5672);
            assertThat(host.springProperties()).containsEntry("spring.rabbitmq.port", Integer.toString(host.port()))
                    .containsEntry("spring.rabbitmq.virtual-host", host.name());
            assertThat(host.messagesIn("work")).isEqualTo(-1);

            try (Connection connection = connect(host); Channel channel = connection.createChannel()) {
                channel.queueDeclare("work", true, false, false, null);
                channel.basicPublish("", "work", null, "one".getBytes(StandardCharsets.UTF_8));
                channel.basicPublish("", "work", null, "two".getBytes(StandardCharsets.UTF_8));
                channel.confirmSelect();
                channel.basicPublish("", "work", null, "three".getBytes(StandardCharsets.UTF_8));
                channel.waitForConfirmsOrDie(10_000);
                assertThat(host.messagesIn("work")).isEqualTo(3);

                // delivered but not acknowledged still counts, as in rabbitmqctl list_queues messages
                assertThat(channel.basicGet("work", false)).isNotNull();
                assertThat(host.messagesIn("work")).isEqualTo(3);
            }
        }
        finally {
            host.close();
        }
        assertThatThrownBy(() -> connect(host).close()).isInstanceOf(java.io.IOException.class);
        assertThat(listening(host.port())).isFalse();
    }

    private static Connection connect(TestVirtualHost host) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(host.port());
        factory.setVirtualHost(host.name());
        factory.setConnectionTimeout(5_000);
        return factory.newConnection();
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            return true;
        }
        catch (java.io.IOException e) {
            return false;
        }
    }
}
