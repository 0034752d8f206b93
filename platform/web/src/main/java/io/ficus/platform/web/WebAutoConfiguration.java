package io.ficus.platform.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP edge of every Ficus servlet app: problem+json for every error (advice, error controller, Tomcat
 * valve), the body size limit, request hygiene and strict JSON. Apps keep only their own exception mappings.
 * Before {@link ErrorMvcAutoConfiguration}, so that Boot's error controller backs off for ours, and before
 * {@link WebMvcAutoConfiguration}, so that Boot's own problem-details advice ({@code spring.mvc.problemdetails})
 * backs off for ours too.
 */
@AutoConfiguration(before = { WebMvcAutoConfiguration.class, ErrorMvcAutoConfiguration.class })
@ConditionalOnWebApplication(type = Type.SERVLET)
@EnableConfigurationProperties(WebProperties.class)
public class WebAutoConfiguration {

    /** The size limit runs first: no other filter reads a body it has not counted. */
    static final int SIZE_LIMIT_ORDER = Ordered.HIGHEST_PRECEDENCE;
    static final int HYGIENE_ORDER = Ordered.HIGHEST_PRECEDENCE + 1;

    @Bean
    ProblemDetailsAdvice ficusProblemDetailsAdvice() {
        return new ProblemDetailsAdvice();
    }

    @Bean
    ProblemErrorController ficusProblemErrorController() {
        return new ProblemErrorController();
    }

    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> ficusRequestSizeLimitFilter(WebProperties properties,
            JsonMapper jsonMapper) {
        FilterRegistrationBean<RequestSizeLimitFilter> registration = new FilterRegistrationBean<>(
                new RequestSizeLimitFilter(properties.maxRequestBody().toBytes(), jsonMapper));
        registration.setOrder(SIZE_LIMIT_ORDER);
        return registration;
    }

    @Bean
    @ConditionalOnBooleanProperty(name = WebProperties.PREFIX + ".request-hygiene.enabled", matchIfMissing = true)
    FilterRegistrationBean<RequestHygieneFilter> ficusRequestHygieneFilter(JsonMapper jsonMapper) {
        FilterRegistrationBean<RequestHygieneFilter> registration = new FilterRegistrationBean<>(
                new RequestHygieneFilter(jsonMapper));
        registration.setOrder(HYGIENE_ORDER);
        return registration;
    }

    @Bean
    @ConditionalOnBooleanProperty(name = WebProperties.PREFIX + ".strict-json.enabled", matchIfMissing = true)
    StrictJson ficusStrictJson() {
        return new StrictJson();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.apache.catalina.startup.Tomcat")
    static class TomcatErrorReportConfiguration {

        @Bean
        TomcatErrorReportCustomizer ficusTomcatErrorReportCustomizer() {
            return new TomcatErrorReportCustomizer();
        }
    }
}
