package io.ficus.gateway.protection;

import io.ficus.gateway.GatewaySettings;
import io.ficus.gateway.edge.CallerKeys;
import io.ficus.gateway.edge.ManagementPort;
import io.ficus.gateway.edge.ProblemWriter;
import io.ficus.gateway.plan.MigrationPlan;

import java.util.LinkedHashMap;
import java.util.Map;

import reactor.netty.NettyPipeline;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.util.StringUtils;

/** Request hygiene, internal paths and size limits (always) and per-caller rate limiting (when enabled; Redis-backed if Redis is configured). */
@Configuration(proxyBeanMethods = false)
class ProtectionConfiguration {

    @Bean
    RequestLimitsFilter requestLimitsFilter(GatewaySettings settings, ProblemWriter problems) {
        return new RequestLimitsFilter(settings, problems);
    }

    /** Pipelined requests are refused (connection closed after the answer in progress), never left unanswered. */
    @Bean
    NettyServerCustomizer pipeliningGuard() {
        return server -> server.doOnConnection(connection -> {
            if (connection.channel().pipeline().get(NettyPipeline.HttpTrafficHandler) != null
                    && connection.channel().pipeline().get(PipeliningGuard.NAME) == null) {
                connection.channel().pipeline().addBefore(NettyPipeline.HttpTrafficHandler, PipeliningGuard.NAME,
                        new PipeliningGuard());
            }
        });
    }

    /** A request Netty cannot parse gets a problem+json 400 (serialized once, here) instead of an empty one. */
    @Bean
    NettyServerCustomizer unparseableRequestGuard(JsonMapper json) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", "Bad Request");
        problem.put("status", 400);
        problem.put("detail", "The request is not valid HTTP (for example a NUL or control byte in the request line"
                + " or a header); it was not forwarded");
        byte[] body = json.writeValueAsBytes(problem);
        // right after the HTTP codec, at channel init: before the first byte is read and before Reactor Netty's handler
        return server -> server.doOnChannelInit((observer, channel, address) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null
                    && channel.pipeline().get(UnparseableRequestGuard.NAME) == null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, UnparseableRequestGuard.NAME,
                        new UnparseableRequestGuard(body));
            }
        });
    }

    @Bean
    RequestHygieneFilter requestHygieneFilter(ManagementPort managementPort, ProblemWriter problems) {
        return new RequestHygieneFilter(managementPort, problems);
    }

    @Bean
    InternalPathsFilter internalPathsFilter(MigrationPlan plan, ManagementPort managementPort, ProblemWriter problems) {
        return new InternalPathsFilter(plan.internalPaths(), managementPort, problems);
    }

    @Bean
    @ConditionalOnBooleanProperty("ficus.gateway.rate-limit.enabled")
    RateLimitFilter rateLimitFilter(GatewaySettings settings, CallerKeys callerKeys, ManagementPort managementPort,
            ObjectProvider<ReactiveStringRedisTemplate> redis, Environment environment, ProblemWriter problems) {
        GatewaySettings.RateLimit limit = settings.rateLimit();
        RateLimitStore store = redisConfigured(environment) && redis.getIfAvailable() != null
                ? new RedisRateLimitStore(redis.getObject(), limit.limit(), limit.window())
                : new InMemoryRateLimitStore(limit.limit(), limit.window());
        return new RateLimitFilter(store, callerKeys, managementPort, problems);
    }

    /** Redis counts as configured once a host or URL is set; Boot's localhost default alone does not. */
    private static boolean redisConfigured(Environment environment) {
        return StringUtils.hasText(environment.getProperty("spring.data.redis.host"))
                || StringUtils.hasText(environment.getProperty("spring.data.redis.url"));
    }
}
