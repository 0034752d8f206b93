package io.ficus.shop.catalog.internal;

import java.time.Duration;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.config.RetryInterceptorBuilder;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.retry.RepublishMessageRecoverer;
import org.springframework.boot.amqp.autoconfigure.SimpleRabbitListenerContainerFactoryConfigurer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Once writes moved to catalog-service ({@code ficus.catalog.follow-service=true}), the monolith keeps its copy
 * of the catalog current from the service's events: its own queue bound to {@code ficus.catalog-service}, and
 * a dead-letter queue for messages that cannot be applied after a few tries.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(CatalogServiceFollowing.ENABLED)
class CatalogServiceFollowing {

    static final String ENABLED = "ficus.catalog.follow-service";
    static final String EXCHANGE = "ficus.catalog-service";
    static final String QUEUE = "ficus-shop.catalog-service-changes";
    static final String DEAD_LETTER_EXCHANGE = "ficus.dead-letters";
    static final String DEAD_LETTER_QUEUE = QUEUE + ".dead-letters";
    static final String CONTAINER_FACTORY = "catalogServiceChangesContainerFactory";

    // a bad message is tried this often, with a short backoff, before it is set aside with its reason
    private static final int MAX_RETRIES = 3;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

    @Bean
    Declarables catalogServiceChangesTopology() {
        TopicExchange exchange = new TopicExchange(EXCHANGE, true, false);
        Queue queue = new Queue(QUEUE, true);
        DirectExchange deadLetters = new DirectExchange(DEAD_LETTER_EXCHANGE, true, false);
        Queue deadLetterQueue = new Queue(DEAD_LETTER_QUEUE, true);
        Binding changes = BindingBuilder.bind(queue).to(exchange).with("product.#");
        Binding rejected = BindingBuilder.bind(deadLetterQueue).to(deadLetters).with(QUEUE);
        return new Declarables(exchange, queue, changes, deadLetters, deadLetterQueue, rejected);
    }

    @Bean(CONTAINER_FACTORY)
    SimpleRabbitListenerContainerFactory catalogServiceChangesContainerFactory(
            SimpleRabbitListenerContainerFactoryConfigurer configurer, ConnectionFactory connectionFactory,
            RabbitTemplate template) {
        SimpleRabbitListenerContainerFactory factory = new SimpleRabbitListenerContainerFactory();
        configurer.configure(factory, connectionFactory);
        // one consumer: changes of one SKU are applied in the order they arrive
        factory.setConcurrentConsumers(1);
        factory.setMaxConcurrentConsumers(1);
        factory.setAdviceChain(RetryInterceptorBuilder.stateless()
                .maxRetries(MAX_RETRIES)
                .backOffOptions(FIRST_BACKOFF.toMillis(), 2.0, MAX_BACKOFF.toMillis())
                .recoverer(new RepublishMessageRecoverer(template, DEAD_LETTER_EXCHANGE, QUEUE))
                .build());
        return factory;
    }
}
