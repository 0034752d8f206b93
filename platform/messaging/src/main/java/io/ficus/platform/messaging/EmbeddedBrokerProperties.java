package io.ficus.platform.messaging;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the embedded AMQP 0-9-1 broker (Qpid Broker-J) that starts when externalization is on and the
 * application names no broker ({@code spring.rabbitmq.host}, {@code port} and {@code addresses} all unset).
 *
 * @param enabled       whether it may start at all
 * @param port          AMQP port it listens on; 5672 so that other processes with Spring's defaults reach it
 * @param bindAddress   the address it listens on; loopback only by default (its user is guest/guest)
 * @param dataDirectory where its Derby store lives; empty means {@code data/<spring.application.name>/amqp}
 */
@ConfigurationProperties("ficus.messaging.embedded-broker")
public record EmbeddedBrokerProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("5672") int port,
        @DefaultValue("127.0.0.1") String bindAddress,
        Path dataDirectory) {
}
