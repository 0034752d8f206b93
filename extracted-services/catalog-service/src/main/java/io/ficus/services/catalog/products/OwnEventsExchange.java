package io.ficus.services.catalog.products;

import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Declares the exchange the service's own product changes go to (the producer declares its exchange). */
@Configuration(proxyBeanMethods = false)
class OwnEventsExchange {

    static final String NAME = "ficus.catalog-service";

    @Bean
    TopicExchange ownProductChangesExchange() {
        return ExchangeBuilder.topicExchange(NAME).durable(true).build();
    }
}
