package io.ficus.platform.messaging;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.modulith.events.Externalized;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Finds the exchanges that {@code @Externalized} events of the application are sent to, so the producer can
 * declare them (topic, durable) before its first publish: a consumer may start later and bind to them.
 */
final class ExternalizedExchanges {

    private ExternalizedExchanges() {
    }

    /** Topic exchanges named by {@code @Externalized("exchange::key")} on types under the given packages. */
    static List<Declarable> in(Collection<String> basePackages, ClassLoader classLoader) {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(
                    org.springframework.beans.factory.annotation.AnnotatedBeanDefinition definition) {
                // records and other concrete types; the default would also accept them, interfaces excepted
                return definition.getMetadata().isIndependent() && !definition.getMetadata().isInterface();
            }
        };
        scanner.addIncludeFilter(new AnnotationTypeFilter(Externalized.class));
        Set<String> exchanges = new LinkedHashSet<>();
        for (String basePackage : basePackages) {
            for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
                Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(), classLoader);
                String exchange = exchangeOf(type.getAnnotation(Externalized.class).value());
                if (exchange != null) {
                    exchanges.add(exchange);
                }
            }
        }
        return exchanges.stream().<Declarable>map(name -> new TopicExchange(name, true, false)).toList();
    }

    /** The exchange part of an {@code @Externalized} value; null when empty or computed per event. */
    static String exchangeOf(String routing) {
        String target = routing.contains("::") ? routing.substring(0, routing.indexOf("::")) : routing;
        return StringUtils.hasText(target) && !target.contains("#{") ? target.strip() : null;
    }
}
