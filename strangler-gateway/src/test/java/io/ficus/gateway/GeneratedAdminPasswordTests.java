package io.ficus.gateway;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** Without a configured password the admin API is not open: a generated one is logged and required. */
@ExtendWith(OutputCaptureExtension.class)
class GeneratedAdminPasswordTests {

    @Test
    void generatesAndLogsAPasswordWhenNoneIsConfigured(CapturedOutput output) {
        WireMockServer legacy = Backends.started("legacy");
        Map<String, Object> properties = GatewayInstance.defaults(TestDatabase.newDatabaseUrl(), legacy, legacy);
        properties.put("ficus.gateway.admin.password", "");
        try (GatewayInstance gateway = GatewayInstance.start(properties)) {
            Matcher logged = Pattern.compile("generated admin password for user 'admin' is (\\S+)").matcher(output.getOut());
            assertThat(logged.find()).as("generated password logged").isTrue();
            assertThat(output.getOut()).contains("WARN");

            gateway.managementAnonymous().get().uri("/admin/routes").exchange().expectStatus().isUnauthorized();
            gateway.managementAnonymous().get().uri("/admin/routes")
                    .headers(headers -> headers.setBasicAuth("admin", GatewayInstance.ADMIN_PASSWORD))
                    .exchange().expectStatus().isUnauthorized();
            gateway.managementAnonymous().get().uri("/admin/routes")
                    .headers(headers -> headers.setBasicAuth("admin", logged.group(1)))
                    .exchange().expectStatus().isOk();
        }
        finally {
            legacy.stop();
        }
    }
}
