package io.ficus.services.catalog.sync;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.config.RetryInterceptorBuilder;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.amqp.autoconfigure.SimpleRabbitListenerContainerFactoryConfigurer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The consumer's side of the broker: the queue the monolith's product changes reach this service through,
 * its binding, and where messages that can never be applied go (a dead-letter queue, with the reason in the
 * message's headers). Dead letters are republished by the consumer rather than by {@code x-dead-letter-exchange},
 * which the embedded Qpid broker refuses.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "ficus.catalog.sync.enabled", matchIfMissing = true)
class SyncTopology {

    static final String SOURCE_EXCHANGE = "ficus.catalog";
    static final String QUEUE = "catalog-service.product-changes";
    static final String DEAD_LETTER_EXCHANGE = "ficus.dead-letters";
    static final String DEAD_LETTER_QUEUE = QUEUE + ".dead-letters";
    static final String CONTAINER_FACTORY = "productChangesContainerFactory";

    @Bean
    Declarables productChangesTopology() {
        TopicExchange source = ExchangeBuilder.topicExchange(SOURCE_EXCHANGE).durable(true).build();
        Queue queue = QueueBuilder.durable(QUEUE).build();
        DirectExchange deadLetters = ExchangeBuilder.directExchange(DEAD_LETTER_EXCHANGE).durable(true).build();
        Queue deadLetterQueue = QueueBuilder.durable(DEAD_LETTER_QUEUE).build();
        Binding changes = BindingBuilder.bind(queue).to(source).with("product.#");
        Binding deadLetterBinding = BindingBuilder.bind(deadLetterQueue).to(deadLetters).with(QUEUE);
        return new Declarables(source, queue, changes, deadLetters, deadLetterQueue, deadLetterBinding);
    }

    @Bean(CONTAINER_FACTORY)
    SimpleRabbitListenerContainerFactory productChangesContainerFactory(
            SimpleRabbitListenerContainerFactoryConfigurer configurer, ConnectionFactory connectionFactory,
            RabbitTemplate rabbitTemplate, SyncSettings settings) {
        SimpleRabbitListenerContainerFactory factory = new SimpleRabbitListenerContainerFactory();
        configurer.configure(factory, connectionFactory);
        long backoff = settings.backoff().toMillis();
        factory.setAdviceChain(RetryInterceptorBuilder.stateless()
                .maxRetries(Math.max(0, settings.maxAttempts() - 1))
                .backOffOptions(backoff, 2.0, backoff * 8)
                .recoverer(new DeadLetterRecoverer(rabbitTemplate, DEAD_LETTER_EXCHANGE, QUEUE,
                        hasPublisherConfirms(connectionFactory)))
                .build());
        return factory;
    }

    private static boolean hasPublisherConfirms(ConnectionFactory connectionFactory) {
        return connectionFactory instanceof CachingConnectionFactory caching && caching.isPublisherConfirms();
    }
}
