package io.ficus.gateway.edge;

import reactor.core.publisher.Mono;
import reactor.netty.resources.LoopResources;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.Ordered;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Gives the management server (admin API, health, metrics) an event loop thread of its own. By default Reactor
 * Netty runs every server and the backend client on one shared set of loops, so under proxy load an admin request
 * queued behind proxied traffic on a busy loop: stage changes took 0.4-1.5 s. On its own thread the operating
 * system schedules it beside the proxy loops (docs/gateway-performance.md, "Control under load").
 * Loaded into the management port's child context (META-INF/spring/...ManagementContextConfiguration.imports);
 * the condition keeps component scanning from applying it to the main context.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
@Conditional(ManagementServerLoop.InChildContext.class)
public class ManagementServerLoop {

    @Bean(destroyMethod = "dispose")
    LoopResources managementLoopResources() {
        return LoopResources.create("ficus-management", 1, true);
    }

    @Bean
    WebServerFactoryCustomizer<NettyReactiveWebServerFactory> managementServerOnItsOwnLoop(LoopResources loops) {
        return factory -> factory.addServerCustomizers(server -> server.runOn(loops));
    }

    /**
     * Every answer of the management port (health, metrics, admin API) is written from its connection's event loop,
     * also when a health indicator's database call or a backend probe produced it on another thread: answering from
     * another thread can leave the next request of a kept-alive connection unanswered ({@link RequestEventLoop}; a
     * health check in RateLimitTests hung 15 s once). A bean of this child context: the proxy port never sees it.
     */
    @Bean
    WebFilter managementAnswersOnTheRequestLoop() {
        return new AnswersOnTheRequestLoop();
    }

    /** First of the port's filters, so that an answer written by any later one goes through it. */
    static final class AnswersOnTheRequestLoop implements WebFilter, Ordered {

        @Override
        public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
            return chain.filter(exchange.mutate().response(RequestEventLoop.answeredOnLoop(exchange)).build());
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }

    /** True only in a context that has a parent: the management server's child context. */
    static class InChildContext implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return context.getBeanFactory() != null && context.getBeanFactory().getParentBeanFactory() != null;
        }
    }
}
