package io.ficus.migration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import io.ficus.platform.testing.AppProcess;
import io.ficus.platform.testing.HeadlessChromium;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The gateway's dashboard in a real (headless) Chromium, with a staff identity from the real shop (the issuer) in
 * front of which the real gateway runs, both from their jars: a staff member opens the dashboard, logs in through the
 * shop's login form, moves a route to a canary with a click and finds their own login in the audit trail; logging out
 * ends the login at the shop too. A customer who goes the same way is refused and gets no dashboard. Screenshot at
 * {@code target/dashboard-staff-login.png}.
 */
class DashboardStaffLoginBrowserTests {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    /** Two JVMs with their embedded PostgreSQL starting at once on a busy 2-core machine took over 3 minutes. */
    private static final Duration STARTUP = Duration.ofMinutes(8);
    private static final String DEMO_PASSWORD = "dashboard-" + UUID.randomUUID();
    private static final String ADMIN_PASSWORD = "dashboard-admin-" + UUID.randomUUID();
    private static final String STAFF = "staff@example.com";
    private static final String ROUTE = "catalog-reads";

    static AppProcess shop;
    static AppProcess gateway;
    static ShopBehindGateway estate;
    static GatewayAdmin admin;
    static Path profile;
    static WebDriver browser;

    @BeforeAll
    static void startTheShopAndTheGateway() throws IOException {
        Optional<String> missing = HeadlessChromium.missing();
        if (missing.isPresent()) {
            // as DashboardBrowserTests: CI installs them, so there a missing browser is a broken machine
            if (System.getenv("CI") != null) {
                fail("The dashboard staff login test: " + missing.get());
            }
            Assumptions.abort("The dashboard staff login test: " + missing.get());
        }
        estate = ShopBehindGateway.of("-dashboard", "localhost", DEMO_PASSWORD, STARTUP);
        estate.withoutServices(ADMIN_PASSWORD);
        shop = estate.startShop();
        gateway = estate.startedGateway();
        admin = estate.gateway.admin(ADMIN_PASSWORD);
        profile = Files.createTempDirectory("ficus-dashboard-staff-chromium");
        browser = HeadlessChromium.start(profile, 1680, 1000);
    }

    @AfterAll
    static void stopEverything() {
        HeadlessChromium.quit(browser, profile);
        AppProcess.closeAll(gateway, shop);
    }

    @Test
    void aStaffMemberLogsInAtTheShopMovesARouteAndIsAuditedAndACustomerIsRefused() throws IOException {
        WebDriverWait wait = waiting();
        try {
            browser.get(estate.managementUrl + "/admin/dashboard");
            wait.until(ExpectedConditions.urlToBe(estate.managementUrl + "/admin/login"));
            logInAtTheShop(wait, STAFF);
            wait.until(ExpectedConditions.urlToBe(estate.managementUrl + "/admin/dashboard"));
            wait.until(ExpectedConditions.textToBe(By.cssSelector("header .who"), STAFF));

            By stage = By.cssSelector("#route-" + ROUTE + " td.stage .badge");
            wait.until(ExpectedConditions.textToBe(stage, "legacy"));
            WebElement row = browser.findElement(By.id("route-" + ROUTE));
            new Select(row.findElement(By.cssSelector("select.stage-select"))).selectByValue("canary");
            WebElement percent = row.findElement(By.cssSelector("input.percent-input"));
            percent.clear();
            percent.sendKeys("10");
            row.findElement(By.cssSelector("input.reason-input")).sendKeys("staff first, from the dashboard");
            row.findElement(By.cssSelector("button.move")).click();

            wait.until(ExpectedConditions.textToBe(stage, "canary 10 %"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#audit tbody tr:first-child"),
                    "staff first, from the dashboard"));
            assertThat(browser.findElement(By.cssSelector("#audit tbody tr:first-child")).getText())
                    .contains(ROUTE).contains("canary 10 %").contains(STAFF);
            assertThat(admin.route(ROUTE).path("updatedBy").asString()).isEqualTo(STAFF);
            assertThat(admin.audit(ROUTE, 1).path(0).path("changedBy").asString()).isEqualTo(STAFF);
            HeadlessChromium.screenshot(browser, Path.of("target", "dashboard-staff-login.png"));

            // logout ends the dashboard session and the login at the shop, and comes back to the login form
            browser.findElement(By.id("logout")).click();
            wait.until(ExpectedConditions.urlToBe(estate.managementUrl + "/admin/login"));
            browser.get(estate.managementUrl + "/admin/dashboard");
            wait.until(ExpectedConditions.urlToBe(estate.managementUrl + "/admin/login"));

            // a customer goes the same way (the shop asks for a password again: its login ended) and is refused
            logInAtTheShop(wait, "ada@example.com");
            wait.until(ExpectedConditions.urlContains(estate.managementUrl + "/_gateway/login/callback"));
            // the login form again, with the reason on it
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("p.error")));
            assertThat(browser.findElement(By.cssSelector("p.error")).getText()).contains("ada@example.com")
                    .contains("role 'staff'").contains("no dashboard session was started");
            HeadlessChromium.screenshot(browser, Path.of("target", "dashboard-customer-refused.png"));
            browser.get(estate.managementUrl + "/admin/dashboard");
            wait.until(ExpectedConditions.urlToBe(estate.managementUrl + "/admin/login"));
        }
        finally {
            admin.rollback(ROUTE, "dashboard staff login test: done");
        }
    }

    /** From the dashboard's login page: the issuer's button, then the shop's own login form (through the gateway). */
    private static void logInAtTheShop(WebDriverWait wait, String user) {
        wait.until(ExpectedConditions.elementToBeClickable(By.id("issuer-login")));
        assertThat(browser.findElement(By.id("issuer-login")).getText()).isEqualTo("Log in with " + estate.publicUrl);
        browser.findElement(By.id("issuer-login")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.name("username")));
        assertThat(browser.getCurrentUrl()).startsWith(estate.publicUrl + "/login");
        browser.findElement(By.name("username")).sendKeys(user);
        browser.findElement(By.name("password")).sendKeys(DEMO_PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
    }

    private static WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
        wait.withMessage(() -> "the page at " + browser.getCurrentUrl() + " shows:\n"
                + browser.findElement(By.tagName("body")).getText() + "\nconsole:\n"
                + browser.manage().logs().get(LogType.BROWSER).getAll() + "\ngateway log:\n" + gateway.tail(40)
                + "\nshop log:\n" + shop.tail(40));
        return wait;
    }
}
