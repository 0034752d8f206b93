package io.ficus.platform.messaging;

import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of event externalization: UP without looking at any broker while it is off, otherwise UP only when
 * the broker answers. Always present, so a readiness group can name it whether externalization is on or off.
 */
class MessagingHealthIndicator extends AbstractHealthIndicator {

    private final boolean externalizationEnabled;
    private final ObjectProvider<ConnectionFactory> connectionFactory;

    MessagingHealthIndicator(boolean externalizationEnabled, ObjectProvider<ConnectionFactory> connectionFactory) {
        super("AMQP broker unreachable");
        this.externalizationEnabled = externalizationEnabled;
        this.connectionFactory = connectionFactory;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        if (!externalizationEnabled) {
            builder.up().withDetail("externalization", "off");
            return;
        }
        Object version = new RabbitTemplate(connectionFactory.getObject())
                .execute(channel -> channel.getConnection().getServerProperties().get("version"));
        builder.up().withDetail("externalization", "on").withDetail("brokerVersion", String.valueOf(version));
    }
}
