package io.ficus.shop;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Log lines carry the trace id of the request that caused them; one property switches them to JSON. */
@ShopApplicationTest
@ExtendWith(OutputCaptureExtension.class)
class LoggingTests {

    @LocalServerPort
    int port;

    @Test
    void writesCallersTraceIdIntoLogLinesOfTheRequestAndItsListeners(CapturedOutput output) {
        ShopHttp http = new ShopHttp(port).asStaff();
        String sku = "L-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        http.stock(sku, "2.00", 3);
        String traceId = UUID.randomUUID().toString().replace("-", "");

        ShopHttp.Response placed = http.send(http.asCustomer("lara@example.com").request("/api/orders").header("Content-Type", "application/json")
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"customer\": \"lara@example.com\", \"lines\": [{\"sku\": \"" + sku + "\", \"quantity\": 1}]}"))
                .build());
        String orderId = placed.json().get("id").asString();

        assertThat(output.getOut()).containsPattern(Pattern.compile(traceId + ".*Order " + orderId + " placed"));
        await().untilAsserted(() -> assertThat(output.getOut())
                .containsPattern(Pattern.compile(traceId + ".*Notified lara@example.com about order " + orderId)));
    }

    /** Logback is configured once per JVM, so the switch is checked in a fresh one, as a user would start it. */
    @Test
    void switchesToJsonLinesWithOneProperty() throws Exception {
        Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), JsonLogProbe.class.getName(),
                "--logging.structured.format.console=ecs").redirectErrorStream(true).start();
        String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(probe.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(out.lines().filter(line -> line.contains("structured hello")))
                .singleElement()
                .satisfies(line -> assertThat(line).startsWith("{").contains("\"message\":\"structured hello\""));
    }

    /** A bean-less application started by the test above: only Spring Boot's logging setup runs. */
    static final class JsonLogProbe {

        public static void main(String[] args) {
            try (ConfigurableApplicationContext context = new SpringApplicationBuilder(JsonLogProbe.class)
                    .web(WebApplicationType.NONE).run(args)) {
                LoggerFactory.getLogger(JsonLogProbe.class).info("structured hello");
            }
        }
    }
}
