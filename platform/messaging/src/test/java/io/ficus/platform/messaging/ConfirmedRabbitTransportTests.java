package io.ficus.platform.messaging;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.ficus.platform.testing.TestVirtualHost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.expression.spel.support.StandardEvaluationContext;
import org.springframework.modulith.events.RoutingTarget;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The confirmed transport against the machine's real RabbitMQ, in a virtual host of its own. */
class ConfirmedRabbitTransportTests {

    private static TestVirtualHost vhost;

    private CachingConnectionFactory connectionFactory;
    private RabbitAdmin admin;

    record SomethingHappened(String eventId, String name, Instant occurredAt) {
    }

    @BeforeAll
    static void createVirtualHost() {
        vhost = TestVirtualHost.create("ficus-messaging");
    }

    @AfterAll
    static void deleteVirtualHost() {
        vhost.close();
    }

    @BeforeEach
    void connect() {
        connectionFactory = confirmingFactory("127.0.0.1", vhost.port(), vhost.name());
        admin = new RabbitAdmin(connectionFactory);
    }

    @AfterEach
    void disconnect() {
        connectionFactory.destroy();
    }

    static CachingConnectionFactory confirmingFactory(String host, int port, String virtualHost) {
        CachingConnectionFactory factory = new CachingConnectionFactory(host, port);
        factory.setUsername("guest");
        factory.setPassword("guest");
        factory.setVirtualHost(virtualHost);
        factory.setConnectionTimeout(2000);
        factory.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.CORRELATED);
        factory.setPublisherReturns(true);
        return factory;
    }

    static ConfirmedRabbitTransport transport(CachingConnectionFactory factory, Duration timeout) {
        RabbitTemplate template = new RabbitTemplate(factory);
        template.setMandatory(true);
        template.setReturnsCallback(returned -> { });
        return new ConfirmedRabbitTransport(template, JsonMapper.builder().build(), new StandardEvaluationContext(),
                timeout);
    }

    private static SomethingHappened event() {
        return new SomethingHappened(UUID.randomUUID().toString(), "ficus", Instant.parse("2026-12-01T13:00:00Z"));
    }

    @Test
    void confirmedPublishCompletesAndArrivesAsPersistentJsonWithTheEventId() throws Exception {
        admin.declareExchange(new TopicExchange("test.events", true, false));
        Queue queue = admin.declareQueue();
        admin.declareBinding(BindingBuilder.bind(queue).to(new TopicExchange("test.events")).with("thing.#"));
        SomethingHappened event = event();

        CompletableFuture<?> result = transport(connectionFactory, Duration.ofSeconds(10))
                .externalize(event, RoutingTarget.forTarget("test.events").andKey("thing.happened"));

        assertThat(result.get(15, TimeUnit.SECONDS)).isNotNull();
        Message message = new RabbitTemplate(connectionFactory).receive(queue.getName(), 5000);
        assertThat(message).isNotNull();
        assertThat(message.getMessageProperties().getMessageId()).isEqualTo(event.eventId());
        assertThat(message.getMessageProperties().getContentType()).isEqualTo("application/json");
        assertThat(message.getMessageProperties().getReceivedDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
        assertThat(new String(message.getBody())).contains("\"eventId\":\"" + event.eventId() + "\"")
                .contains("\"occurredAt\":\"2026-12-01T13:00:00Z\"");
    }

    @Test
    void publishToAMissingExchangeFailsTheFuture() {
        CompletableFuture<?> result = transport(connectionFactory, Duration.ofSeconds(10))
                .externalize(event(), RoutingTarget.forTarget("no.such.exchange").andKey("thing.happened"));

        assertThatThrownBy(() -> result.get(15, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(ExternalizationFailedException.class);
    }

    @Test
    void unroutableMessageIsReturnedAndFailsTheFuture() {
        admin.declareExchange(new TopicExchange("test.nobody-listens", true, false));

        CompletableFuture<?> result = transport(connectionFactory, Duration.ofSeconds(10))
                .externalize(event(), RoutingTarget.forTarget("test.nobody-listens").andKey("thing.happened"));

        assertThatThrownBy(() -> result.get(15, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                // RabbitMQ returns the mandatory message, then confirms it; Qpid (the embedded broker) refuses it
                .cause().isInstanceOf(ExternalizationFailedException.class)
                .hasMessageMatching("(?s).*(returned|refused).*");
    }

    @Test
    void unreachableBrokerFailsWithinTheBound() throws IOException {
        CachingConnectionFactory nowhere = confirmingFactory("127.0.0.1", freePort(), "/");
        try {
            CompletableFuture<?> result = transport(nowhere, Duration.ofSeconds(2))
                    .externalize(event(), RoutingTarget.forTarget("test.events").andKey("thing.happened"));

            // completes (exceptionally) within the confirm timeout plus slack, never hangs
            assertThatThrownBy(() -> result.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(ExternalizationFailedException.class);
        }
        finally {
            nowhere.destroy();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
