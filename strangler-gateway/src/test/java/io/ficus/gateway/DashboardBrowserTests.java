package io.ficus.gateway;

import io.ficus.platform.testing.HeadlessChromium;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.http.MediaType;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard in a real (headless) Chromium: log in with the form, move a route to a canary with a click, see it,
 * roll it back, see both in the audit trail; pause and resume a route's automation. Leaves screenshots at
 * {@code target/dashboard.png}, {@code target/dashboard-shadow.png} and {@code target/dashboard-automation.png} (of
 * the gateway module).
 */
class DashboardBrowserTests {

    /** Debian's packages, as {@code .ci/run} installs them; elsewhere point these system properties at your own. */

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    static WireMockServer legacy;
    static WireMockServer service;
    static GatewayInstance gateway;
    static GatewayInstance automated;
    static Path profile;
    static WebDriver browser;

    @BeforeAll
    static void start() throws IOException {
        Optional<String> missing = HeadlessChromium.missing();
        if (missing.isPresent()) {
            // CI installs them, so there a missing browser is a broken machine; a laptop with only a JDK skips this
            // one class, as it skips the Redis test without Redis
            if (System.getenv("CI") != null) {
                fail("The dashboard test: " + missing.get());
            }
            Assumptions.abort("The dashboard test: " + missing.get());
        }
        legacy = Backends.started("legacy");
        service = Backends.started("service");
        gateway = GatewayInstance.start(GatewayInstance.defaults(TestDatabase.newDatabaseUrl(), legacy, service));
        automated = GatewayInstance.start(automationProperties());
        profile = Files.createTempDirectory("ficus-dashboard-chromium");
        browser = HeadlessChromium.start(profile, 1680, 1000);
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        for (GatewayInstance instance : new GatewayInstance[] {gateway, automated}) {
            if (instance != null) {
                instance.close();
            }
        }
        if (legacy != null) {
            legacy.stop();
            service.stop();
        }
        if (profile != null) {
            org.springframework.util.FileSystemUtils.deleteRecursively(profile);
        }
    }

    @Test
    void logsInMovesARouteToACanaryWithAClickRollsItBackAndShowsTheAuditTrail() throws IOException {
        // some traffic, so the page has numbers to show (a busy build machine may time out a first request)
        await().atMost(PATIENCE).untilAsserted(() ->
                gateway.client().get().uri("/api/catalog/items").exchange().expectStatus().isOk());
        WebDriverWait wait = waiting();

        logIn(gateway, wait);
        By stage = By.cssSelector("#route-catalog-reads td.stage .badge");
        wait.until(ExpectedConditions.textToBe(stage, "legacy"));
        wait.until(driver -> !row(driver).findElement(By.cssSelector("td.legacy")).getText().startsWith("0 "));

        WebElement row = row(browser);
        new Select(row.findElement(By.cssSelector("select.stage-select"))).selectByValue("canary");
        WebElement percent = row.findElement(By.cssSelector("input.percent-input"));
        percent.clear();
        percent.sendKeys("10");
        row.findElement(By.cssSelector("input.reason-input")).sendKeys("first users, from the browser");
        row.findElement(By.cssSelector("button.move")).click();

        wait.until(ExpectedConditions.textToBe(stage, "canary 10 %"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"),
                "catalog-reads is now canary 10 %"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#audit tbody"),
                "first users, from the browser"));
        gateway.admin().get().uri("/admin/routes/catalog-reads").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.stage").isEqualTo("canary").jsonPath("$.percent").isEqualTo(10)
                .jsonPath("$.updatedBy").isEqualTo(GatewayInstance.ADMIN_USER);
        HeadlessChromium.screenshot(browser, Path.of("target", "dashboard.png"));

        row(browser).findElement(By.cssSelector("input.reason-input")).sendKeys("seen enough");
        row(browser).findElement(By.cssSelector("button.rollback")).click();

        wait.until(ExpectedConditions.textToBe(stage, "legacy"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#audit tbody tr:first-child"),
                "seen enough"));
        assertThat(browser.findElement(By.cssSelector("#audit tbody tr:first-child")).getText())
                .contains("catalog-reads").contains("canary 10 %").contains("legacy").contains("admin");

        browser.findElement(By.id("logout")).click();
        wait.until(ExpectedConditions.urlContains("/admin/login"));
        browser.get(managementUrl(gateway, "/admin/dashboard"));
        wait.until(ExpectedConditions.urlContains("/admin/login"));
    }

    @Test
    void movesARouteToShadowWithAClickAndShowsItsMismatchRateAndSampleDiffs() throws IOException {
        legacy.stubFor(get(urlPathEqualTo("/api/catalog/products/FIC-002")).atPriority(1)
                .willReturn(okJson("{\"sku\": \"FIC-002\", \"name\": \"Weeping fig\", \"price\": 19.9}")));
        service.stubFor(get(urlPathEqualTo("/api/catalog/products/FIC-002")).atPriority(1)
                .willReturn(okJson("{\"sku\": \"FIC-002\", \"name\": \"Weeping Fig\", \"price\": 19.90}")));
        WebDriverWait wait = waiting();
        logIn(gateway, wait);
        try {
            WebElement row = row(browser);
            new Select(row.findElement(By.cssSelector("select.stage-select"))).selectByValue("shadow");
            row.findElement(By.cssSelector("input.reason-input")).sendKeys("compare catalog-service with legacy");
            row.findElement(By.cssSelector("button.move")).click();
            wait.until(ExpectedConditions.textToBe(By.cssSelector("#route-catalog-reads td.stage .badge"), "shadow"));

            for (int i = 0; i < 4; i++) {
                gateway.client().get().uri("/api/catalog/products/FIC-002").exchange().expectStatus().isOk()
                        .expectBody().jsonPath("$.name").isEqualTo("Weeping fig");
            }
            By summary = By.cssSelector("#route-catalog-reads .shadow-summary");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(summary, "100.0 % differ · 4 compared"));

            browser.findElement(By.cssSelector("#route-catalog-reads details.diffs summary")).click();
            // the price agrees (19.9 and 19.90 are one number); the name does not
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#route-catalog-reads pre.samples"),
                    "$.name: \"Weeping fig\" → \"Weeping Fig\""));
            assertThat(browser.findElement(By.cssSelector("#route-catalog-reads pre.samples")).getText())
                    .contains("$.name  ×4").contains("GET /api/catalog/products/FIC-002  (legacy 200, service 200)")
                    .doesNotContain("price");
            HeadlessChromium.screenshot(browser, Path.of("target", "dashboard-shadow.png"));
        }
        finally {
            gateway.admin().post().uri("/admin/routes/catalog-reads/rollback").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"reason\": \"shadow test done\"}").exchange();
            Backends.answerWithName(legacy, "legacy");
            Backends.answerWithName(service, "service");
        }
    }

    @Test
    void showsARoutesAutomationAndPausesAndResumesItWithAClick() throws IOException {
        WebDriverWait wait = waiting();
        logIn(automated, wait);

        // patient-reads gets no traffic here: the automation takes its first step and waits there for requests
        By state = By.cssSelector("#route-patient-reads td.automation .automation-state");
        wait.until(ExpectedConditions.textToBe(state, "running"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#route-patient-reads td.automation"),
                "at canary 25 (1/3: canary 25 → canary 50 → live)"));
        WebElement row = browser.findElement(By.id("route-patient-reads"));
        assertThat(row.findElement(By.cssSelector("button.resume")).isDisplayed()).isFalse();

        row.findElement(By.cssSelector("input.reason-input")).sendKeys("release freeze");
        row.findElement(By.cssSelector("button.pause")).click();

        wait.until(ExpectedConditions.textToBe(state, "paused"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#route-patient-reads td.automation"),
                "paused by admin: release freeze"));
        automated.admin().get().uri("/admin/routes/patient-reads").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.automation.state").isEqualTo("paused")
                .jsonPath("$.automation.pausedBy").isEqualTo(GatewayInstance.ADMIN_USER);
        HeadlessChromium.screenshot(browser, Path.of("target", "dashboard-automation.png"));

        browser.findElement(By.cssSelector("#route-patient-reads button.resume")).click();
        wait.until(ExpectedConditions.textToBe(state, "running"));
        automated.admin().get().uri("/admin/routes/patient-reads").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.automation.state").isEqualTo("running");
    }

    /** Opens the dashboard, is sent to the login form, logs in, and is back on the dashboard with its routes. */
    private static void logIn(GatewayInstance target, WebDriverWait wait) {
        browser.manage().deleteAllCookies(); // whatever session an earlier test left
        browser.get(managementUrl(target, "/admin/dashboard"));
        wait.until(ExpectedConditions.urlContains("/admin/login"));
        browser.findElement(By.id("username")).sendKeys(GatewayInstance.ADMIN_USER);
        browser.findElement(By.id("password")).sendKeys(GatewayInstance.ADMIN_PASSWORD);
        browser.findElement(By.id("login")).click();
        wait.until(ExpectedConditions.urlContains("/admin/dashboard"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#routes tbody tr")));
    }

    /** Bounded waits whose timeout says what the page showed and what its script logged. */
    private static WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
        wait.withMessage(() -> "the page at " + browser.getCurrentUrl() + " shows:\n"
                + browser.findElement(By.tagName("body")).getText() + "\nconsole:\n"
                + browser.manage().logs().get(LogType.BROWSER).getAll());
        return wait;
    }

    /** The automation tests' plan: every route moves by itself in short steps. */
    private static Map<String, Object> automationProperties() {
        Map<String, Object> properties = GatewayInstance.defaults(TestDatabase.newDatabaseUrl(), legacy, service);
        properties.put("ficus.gateway.plan", "classpath:automation-plan.yml");
        properties.put("test.failing-url", service.baseUrl());
        properties.put("test.slow-url", service.baseUrl());
        properties.put("ficus.gateway.automation.check-interval", "200ms");
        return properties;
    }

    private static WebElement row(WebDriver driver) {
        return driver.findElement(By.id("route-catalog-reads"));
    }

    private static String managementUrl(GatewayInstance target, String path) {
        return "http://127.0.0.1:" + target.managementPort() + path;
    }
}
