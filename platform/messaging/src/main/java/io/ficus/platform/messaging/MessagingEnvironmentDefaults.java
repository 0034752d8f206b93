package io.ficus.platform.messaging;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults (lowest precedence, so the application may override them) that follow from whether events are
 * externalized: publisher confirms and returns when on; no broker in the health when off.
 */
class MessagingEnvironmentDefaults implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE_NAME = "ficusMessagingDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new HashMap<>();
        if (environment.getProperty(ExternalizationProperties.ENABLED, Boolean.class, false)) {
            defaults.put("spring.rabbitmq.publisher-confirm-type", "correlated");
            defaults.put("spring.rabbitmq.publisher-returns", "true");
            // bounds a send to an unreachable broker (the client's own default is 60 s)
            defaults.put("spring.rabbitmq.connection-timeout", "5s");
            // Spring logs every failed externalization future at ERROR with a stack trace, and a publish
            // refused while no consumer is bound is expected and retried: ConfirmedRabbitTransport logs one
            // WARN line instead. This adapter only handles listeners returning futures (ours).
            defaults.put("logging.level.org.springframework.modulith.events.config.EventExternalizationAutoConfiguration",
                    "OFF");
        }
        else {
            // Spring Boot's rabbit indicator would report DOWN for a broker this application does not use.
            defaults.put("management.health.rabbit.enabled", "false");
        }
        // Qpid's operational log says every connection open and close at INFO.
        defaults.put("logging.level.qpid.message", "WARN");
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, defaults));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
