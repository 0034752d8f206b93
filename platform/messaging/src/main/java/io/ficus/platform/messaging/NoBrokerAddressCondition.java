package io.ficus.platform.messaging;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/** Matches when the application names no AMQP broker of its own. */
class NoBrokerAddressCondition extends SpringBootCondition {

    static final List<String> BROKER_PROPERTIES =
            List.of("spring.rabbitmq.host", "spring.rabbitmq.port", "spring.rabbitmq.addresses");

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        for (String property : BROKER_PROPERTIES) {
            if (StringUtils.hasText(context.getEnvironment().getProperty(property))) {
                return ConditionOutcome.noMatch(property + " is set");
            }
        }
        return ConditionOutcome.match("no spring.rabbitmq host, port or addresses set");
    }
}
