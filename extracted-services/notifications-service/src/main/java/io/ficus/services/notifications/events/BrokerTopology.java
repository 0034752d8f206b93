package io.ficus.services.notifications.events;

import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.config.RetryInterceptorBuilder;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.retry.RepublishMessageRecoverer;
import org.springframework.boot.amqp.autoconfigure.SimpleRabbitListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What this service declares on the broker (idempotently, as the consuming side): the shop's two event
 * exchanges, its own queue bound to both, and the dead-letter exchange and queue. Dead-lettering is done by the
 * consumer (republish with the reason after a bounded number of attempts) rather than with
 * {@code x-dead-letter-exchange}, which the embedded Qpid broker refuses.
 */
@Configuration(proxyBeanMethods = false)
class BrokerTopology {

    @Bean
    TopicExchange ordersExchange(EventsSettings settings) {
        return new TopicExchange(settings.ordersExchange(), true, false);
    }

    @Bean
    TopicExchange shippingExchange(EventsSettings settings) {
        return new TopicExchange(settings.shippingExchange(), true, false);
    }

    @Bean
    Queue orderEventsQueue(EventsSettings settings) {
        return QueueBuilder.durable(settings.queue()).build();
    }

    @Bean
    Binding orderEventsBinding(Queue orderEventsQueue, TopicExchange ordersExchange) {
        return BindingBuilder.bind(orderEventsQueue).to(ordersExchange).with("order.#");
    }

    @Bean
    Binding shipmentEventsBinding(Queue orderEventsQueue, TopicExchange shippingExchange) {
        return BindingBuilder.bind(orderEventsQueue).to(shippingExchange).with("shipment.#");
    }

    @Bean
    DirectExchange deadLetterExchange(EventsSettings settings) {
        return new DirectExchange(settings.deadLetters(), true, false);
    }

    @Bean
    Queue deadLetterQueue(EventsSettings settings) {
        return QueueBuilder.durable(settings.deadLetterQueue()).build();
    }

    @Bean
    Binding deadLetterBinding(Queue deadLetterQueue, DirectExchange deadLetterExchange, EventsSettings settings) {
        return BindingBuilder.bind(deadLetterQueue).to(deadLetterExchange).with(settings.queue());
    }

    /**
     * A bounded retry (short back-off) whose last failure republishes the message to the dead-letter exchange with
     * its reason ({@code x-exception-message}, {@code x-original-routingKey}), so a poison message leaves the
     * queue and the ones behind it flow on.
     */
    @Bean
    MethodInterceptor deadLetteringRetry(RabbitTemplate rabbitTemplate, EventsSettings settings) {
        RepublishMessageRecoverer deadLetter = new RepublishMessageRecoverer(rabbitTemplate, settings.deadLetters(),
                settings.queue());
        return RetryInterceptorBuilder.stateless()
                .maxRetries(settings.attempts() - 1)
                .backOffOptions(100, 2.0, 1_000)
                .recoverer(deadLetter)
                .build();
    }

    /** Boot's listener factory (its spring.rabbitmq.listener.* settings) with the dead-lettering retry. */
    @Bean
    SimpleRabbitListenerContainerFactory rabbitListenerContainerFactory(
            SimpleRabbitListenerContainerFactoryConfigurer configurer, ConnectionFactory connectionFactory,
            MethodInterceptor deadLetteringRetry) {
        SimpleRabbitListenerContainerFactory factory = new SimpleRabbitListenerContainerFactory();
        configurer.configure(factory, connectionFactory);
        factory.setAdviceChain(deadLetteringRetry);
        return factory;
    }
}
