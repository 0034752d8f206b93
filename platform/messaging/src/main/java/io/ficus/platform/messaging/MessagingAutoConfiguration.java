package io.ficus.platform.messaging;

import java.nio.file.Path;
import java.util.List;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.expression.BeanFactoryResolver;
import org.springframework.expression.spel.support.StandardEvaluationContext;
import org.springframework.modulith.events.EventExternalizationConfiguration;
import org.springframework.modulith.events.support.EventExternalizerModuleListener;
import org.springframework.util.ClassUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires the confirmed externalization of {@code @Externalized} events, the declaration of their exchanges and
 * the embedded broker. Nothing touches a broker unless {@code ficus.messaging.externalization.enabled=true}.
 */
@AutoConfiguration(before = RabbitAutoConfiguration.class)
@EnableConfigurationProperties({ ExternalizationProperties.class, EmbeddedBrokerProperties.class })
public class MessagingAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    static class MessagingHealthConfiguration {

        @Bean
        MessagingHealthIndicator messagingHealthIndicator(ExternalizationProperties properties,
                ObjectProvider<ConnectionFactory> connectionFactory) {
            return new MessagingHealthIndicator(properties.enabled(), connectionFactory);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(ExternalizationProperties.ENABLED)
    static class ExternalizationConfiguration {

        @Bean
        EventExternalizerModuleListener confirmedEventExternalizer(EventExternalizationConfiguration configuration,
                ConnectionFactory connectionFactory, JsonMapper json, BeanFactory beanFactory,
                ExternalizationProperties properties, ApplicationContext context) {
            if (connectionFactory instanceof CachingConnectionFactory caching
                    && (!caching.isPublisherConfirms() || !caching.isPublisherReturns())) {
                throw new IllegalStateException("Confirmed externalization needs spring.rabbitmq.publisher-confirm-type"
                        + "=correlated and spring.rabbitmq.publisher-returns=true (the defaults ficus-messaging sets)");
            }
            RabbitTemplate template = new RabbitTemplate(connectionFactory);
            // mandatory: an unroutable message comes back as a return instead of vanishing
            template.setMandatory(true);
            // the current trace travels in the message (W3C traceparent), so consumers continue it (issue 8)
            template.setObservationEnabled(true);
            template.setApplicationContext(context);
            // returns are read from each message's CorrelationData; the callback only keeps the template quiet
            template.setReturnsCallback(returned -> { });
            StandardEvaluationContext routingContext = new StandardEvaluationContext();
            routingContext.setBeanResolver(new BeanFactoryResolver(beanFactory));
            return new EventExternalizerModuleListener(configuration,
                    new ConfirmedRabbitTransport(template, json, routingContext, properties.confirmTimeout()));
        }

        @Bean
        Declarables externalizedEventExchanges(BeanFactory beanFactory) {
            List<String> packages = AutoConfigurationPackages.has(beanFactory)
                    ? AutoConfigurationPackages.get(beanFactory) : List.of();
            ClassLoader classLoader = beanFactory instanceof ConfigurableBeanFactory configurable
                    ? configurable.getBeanClassLoader() : ClassUtils.getDefaultClassLoader();
            return new Declarables(ExternalizedExchanges.in(packages, classLoader));
        }

        @Bean
        ExchangeDeclarationAtStartup exchangeDeclarationAtStartup(ObjectProvider<AmqpAdmin> admin) {
            return new ExchangeDeclarationAtStartup(admin);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(ExternalizationProperties.ENABLED)
    @ConditionalOnBooleanProperty(name = "ficus.messaging.embedded-broker.enabled", matchIfMissing = true)
    @ConditionalOnClass(name = "org.apache.qpid.server.SystemLauncher")
    @Conditional(NoBrokerAddressCondition.class)
    static class EmbeddedBrokerConfiguration {

        @Bean
        EmbeddedBroker embeddedBroker(EmbeddedBrokerProperties properties,
                @Value("${spring.application.name:application}") String applicationName) {
            Path dataDirectory = properties.dataDirectory() != null
                    ? properties.dataDirectory()
                    : Path.of("data", applicationName, "amqp");
            return new EmbeddedBroker(properties, dataDirectory);
        }

        /** Points Spring's connection factory at the embedded broker, whatever port it was given. */
        @Bean
        RabbitConnectionDetails embeddedBrokerConnectionDetails(EmbeddedBrokerProperties properties) {
            String host = "0.0.0.0".equals(properties.bindAddress()) ? "127.0.0.1" : properties.bindAddress();
            return new RabbitConnectionDetails() {
                @Override
                public String getUsername() {
                    return "guest";
                }

                @Override
                public String getPassword() {
                    return "guest";
                }

                @Override
                public List<Address> getAddresses() {
                    return List.of(new Address(host, properties.port()));
                }
            };
        }
    }
}
