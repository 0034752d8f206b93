package io.ficus.platform.messaging;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.modulith.events.RoutingTarget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded Qpid broker works with Spring AMQP and the confirmed transport. */
class EmbeddedBrokerTests {

    @TempDir
    static Path data;

    private static EmbeddedBroker broker;
    private static CachingConnectionFactory connectionFactory;

    record SomethingHappened(String eventId, String name) {
    }

    @BeforeAll
    static void startBroker() throws Exception {
        int port = ConfirmedRabbitTransportTests.freePort();
        broker = new EmbeddedBroker(new EmbeddedBrokerProperties(true, port, "127.0.0.1", null), data);
        broker.start();
        // Spring's default virtual host "/" reaches Qpid's default virtual host
        connectionFactory = ConfirmedRabbitTransportTests.confirmingFactory("127.0.0.1", port, "/");
    }

    @AfterAll
    static void stopBroker() {
        connectionFactory.destroy();
        broker.stop();
    }

    @Test
    void confirmedPublishThroughTheEmbeddedBrokerCompletesAndIsDelivered() throws Exception {
        RabbitAdmin admin = new RabbitAdmin(connectionFactory);
        admin.declareExchange(new TopicExchange("embedded.events", true, false));
        Queue queue = new Queue("embedded.listener", true);
        admin.declareQueue(queue);
        admin.declareBinding(BindingBuilder.bind(queue).to(new TopicExchange("embedded.events")).with("thing.#"));
        String eventId = UUID.randomUUID().toString();

        CompletableFuture<?> result = ConfirmedRabbitTransportTests.transport(connectionFactory, Duration.ofSeconds(10))
                .externalize(new SomethingHappened(eventId, "ficus"),
                        RoutingTarget.forTarget("embedded.events").andKey("thing.happened"));

        assertThat(result.get(15, TimeUnit.SECONDS)).isNotNull();
        Message message = new RabbitTemplate(connectionFactory).receive("embedded.listener", 5000);
        assertThat(message).isNotNull();
        assertThat(message.getMessageProperties().getMessageId()).isEqualTo(eventId);
        assertThat(broker.isRunning()).isTrue();
        assertThat(Files.exists(data.resolve("derby"))).isTrue();
    }

    @Test
    void unroutableMessageFailsOnTheEmbeddedBrokerToo() {
        new RabbitAdmin(connectionFactory).declareExchange(new TopicExchange("embedded.unbound", true, false));

        CompletableFuture<?> result = ConfirmedRabbitTransportTests.transport(connectionFactory, Duration.ofSeconds(10))
                .externalize(new SomethingHappened(UUID.randomUUID().toString(), "ficus"),
                        RoutingTarget.forTarget("embedded.unbound").andKey("thing.happened"));

        // Qpid nacks an unroutable mandatory message where RabbitMQ acks and returns it: both fail the future
        assertThatThrownBy(() -> result.get(15, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(ExternalizationFailedException.class);
    }
}
