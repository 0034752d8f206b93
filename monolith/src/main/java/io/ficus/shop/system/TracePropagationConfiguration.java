package io.ficus.shop.system;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;

/** Event listeners run on other threads; this carries the triggering request's trace id into their logs. */
@Configuration(proxyBeanMethods = false)
class TracePropagationConfiguration {

    @Bean
    ContextPropagatingTaskDecorator contextPropagatingTaskDecorator() {
        return new ContextPropagatingTaskDecorator();
    }
}
