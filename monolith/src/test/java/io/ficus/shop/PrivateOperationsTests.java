package io.ficus.shop;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Operations stay quiet and private: health shows its components' status to anyone but their details (the
 * disk path among them) to nobody without a login, readiness names what is down, and a clean start logs no WARN.
 */
@ShopApplicationTest
@ExtendWith(OutputCaptureExtension.class)
class PrivateOperationsTests {

    @LocalServerPort
    int port;

    @Test
    void showsHealthComponentsButNoDetailsToAnAnonymousCaller() {
        JsonNode health = new ShopHttp(port).get("/actuator/health").json();

        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(health.get("components").has("db")).isTrue();
        assertThat(health.get("components").has("diskSpace")).isTrue();
        health.get("components").properties().forEach(component ->
                assertThat(component.getValue().has("details")).as(component.getKey()).isFalse());
        assertThat(health.toString()).doesNotContain("path");
    }

    @Test
    void readinessSaysWhichDependencyIsUpWithoutPaths() {
        JsonNode readiness = new ShopHttp(port).get("/actuator/health/readiness").json();

        assertThat(readiness.get("components").get("db").get("status").asString()).isEqualTo("UP");
        assertThat(readiness.toString()).doesNotContain("\"path\"");
    }

    @Test
    void logsNoWarningAtACleanStart(CapturedOutput output) {
        int before = output.getOut().length();
        try (ConfigurableApplicationContext shop = new SpringApplicationBuilder(ShopApplication.class).run(
                "--server.port=0", "--ficus.embedded-postgres.ephemeral=true",
                "--ficus.payments.provider.base-url=" + PaymentProviderStub.baseUrl())) {
            assertThat(shop.isRunning()).isTrue();
        }
        String startup = output.getOut().substring(before);
        assertThat(startup.lines().filter(line -> line.contains(" WARN ") || line.contains(" ERROR "))).isEmpty();
    }
}
