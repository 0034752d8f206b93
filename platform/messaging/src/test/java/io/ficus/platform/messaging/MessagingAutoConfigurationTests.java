package io.ficus.platform.messaging;

import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.EventExternalizationConfiguration;
import org.springframework.modulith.events.Externalized;
import org.springframework.modulith.events.support.EventExternalizerModuleListener;

import static org.assertj.core.api.Assertions.assertThat;

/** Which parts switch on under which settings. */
class MessagingAutoConfigurationTests {

    @Externalized("fixture.things::#{kind()}")
    record ThingChanged(String kind) {
    }

    @Configuration(proxyBeanMethods = false)
    static class Events {
        @Bean
        EventExternalizationConfiguration eventExternalizationConfiguration() {
            return EventExternalizationConfiguration.defaults(ThingChanged.class.getPackageName()).build();
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MessagingAutoConfiguration.class, RabbitAutoConfiguration.class,
                    JacksonAutoConfiguration.class))
            .withUserConfiguration(Events.class);

    @Test
    void externalizationOffByDefaultStartsNothingAndReportsHealthyWithoutABroker() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(EventExternalizerModuleListener.class);
            assertThat(context).doesNotHaveBean(EmbeddedBroker.class);
            MessagingHealthIndicator health = context.getBean(MessagingHealthIndicator.class);
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);
            assertThat(health.health().getDetails()).containsEntry("externalization", "off");
        });
    }

    @Test
    void externalizationOnWithANamedBrokerUsesItAndStartsNoEmbeddedOne() {
        runner.withPropertyValues(ExternalizationProperties.ENABLED + "=true", "spring.rabbitmq.host=127.0.0.1",
                        "spring.rabbitmq.publisher-confirm-type=correlated", "spring.rabbitmq.publisher-returns=true")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).hasSingleBean(EventExternalizerModuleListener.class);
                    assertThat(context).doesNotHaveBean(EmbeddedBroker.class);
                });
    }

    @Test
    void externalizationOnWithoutConfirmsRefusesToStart() {
        runner.withPropertyValues(ExternalizationProperties.ENABLED + "=true", "spring.rabbitmq.host=127.0.0.1")
                .run(context -> assertThat(context).hasFailed());
    }

    @Test
    void externalizationOnWithNoBrokerNamedStartsTheEmbeddedBrokerAndPointsSpringAtIt() throws Exception {
        int port = ConfirmedRabbitTransportTests.freePort();
        runner.withPropertyValues(ExternalizationProperties.ENABLED + "=true",
                        "spring.rabbitmq.publisher-confirm-type=correlated", "spring.rabbitmq.publisher-returns=true",
                        "ficus.messaging.embedded-broker.port=" + port,
                        "ficus.messaging.embedded-broker.data-directory=target/embedded-broker-autoconfiguration")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(EmbeddedBroker.class).isRunning()).isTrue();
                    assertThat(context.getBean(RabbitConnectionDetails.class).getFirstAddress().port()).isEqualTo(port);
                    MessagingHealthIndicator health = context.getBean(MessagingHealthIndicator.class);
                    assertThat(health.health().getStatus()).isEqualTo(Status.UP);
                });
    }

    @Test
    void externalizedExchangeNamesAreTheTargetsOfTheAnnotation() {
        assertThat(ExternalizedExchanges.in(java.util.List.of(ThingChanged.class.getPackageName()),
                getClass().getClassLoader()))
                .extracting(d -> ((TopicExchange) d).getName()).contains("fixture.things");
        assertThat(ExternalizedExchanges.exchangeOf("ficus.catalog::#{routingKey()}")).isEqualTo("ficus.catalog");
        assertThat(ExternalizedExchanges.exchangeOf("#{target()}::key")).isNull();
    }

    @Test
    void defaultsTurnOnConfirmsWhenExternalizingAndHideTheBrokerFromHealthOtherwise() {
        org.springframework.mock.env.MockEnvironment on = new org.springframework.mock.env.MockEnvironment()
                .withProperty(ExternalizationProperties.ENABLED, "true");
        new MessagingEnvironmentDefaults().postProcessEnvironment(on, null);
        assertThat(on.getProperty("spring.rabbitmq.publisher-confirm-type")).isEqualTo("correlated");
        assertThat(on.getProperty("spring.rabbitmq.publisher-returns")).isEqualTo("true");
        assertThat(on.getProperty("management.health.rabbit.enabled")).isNull();

        org.springframework.mock.env.MockEnvironment off = new org.springframework.mock.env.MockEnvironment();
        new MessagingEnvironmentDefaults().postProcessEnvironment(off, null);
        assertThat(off.getProperty("management.health.rabbit.enabled")).isEqualTo("false");
        assertThat(off.getProperty("spring.rabbitmq.publisher-confirm-type")).isNull();
    }
}
