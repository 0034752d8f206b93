package io.ficus.platform.web;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the auto-configuration contributes, and the switches under {@code ficus.web.*}. */
class WebAutoConfigurationTests {

    private final WebApplicationContextRunner web = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(WebAutoConfiguration.class, JacksonAutoConfiguration.class));

    @Test
    void aServletAppGetsTheWholeEdge() {
        web.run(context -> {
            assertThat(context).hasSingleBean(ProblemDetailsAdvice.class).hasSingleBean(ProblemErrorController.class)
                    .hasSingleBean(StrictJson.class).hasBean("ficusRequestSizeLimitFilter")
                    .hasBean("ficusRequestHygieneFilter");
            assertThat(context.getBean(WebProperties.class).maxRequestBody().toKilobytes()).isEqualTo(64);
            assertThatThrownBy(() -> context.getBean(JsonMapper.class).readValue("{\"a\": 1, \"a\": 2}", Object.class))
                    .hasMessageContaining("Duplicate Object property \"a\"");
        });
    }

    @Test
    void theLimitAndBothRulesAreSettings() {
        web.withPropertyValues("ficus.web.max-request-body=2MB", "ficus.web.request-hygiene.enabled=false",
                "ficus.web.strict-json.enabled=false").run(context -> {
                    assertThat(context).doesNotHaveBean("ficusRequestHygieneFilter").doesNotHaveBean(StrictJson.class);
                    FilterRegistrationBean<?> limit = context.getBean("ficusRequestSizeLimitFilter",
                            FilterRegistrationBean.class);
                    assertThat(limit.getFilter()).isInstanceOf(RequestSizeLimitFilter.class);
                    assertThat(context.getBean(WebProperties.class).maxRequestBody().toMegabytes()).isEqualTo(2);
                });
    }

    @Test
    void anAppThatIsNoServletAppGetsNothing() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(WebAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(ProblemDetailsAdvice.class));
    }
}
