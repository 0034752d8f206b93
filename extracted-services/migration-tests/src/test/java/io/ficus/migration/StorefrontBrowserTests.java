package io.ficus.migration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.ficus.platform.testing.AppProcess;
import io.ficus.platform.testing.HeadlessChromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The shop's storefront in a real (headless) Chromium, through the real gateway in front of the real shop, both
 * started from their jars: a customer logs in at the gateway (authorization code + PKCE, the shop's login form),
 * orders in the browser session (the gateway relays the access token), sees the order, and logs out (at the gateway
 * and at the shop); a second customer logs in and never sees it. Screenshots at {@code target/storefront-*.png}.
 */
class StorefrontBrowserTests {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    /** Two JVMs with their embedded PostgreSQL starting at once on a busy 2-core machine took over 3 minutes. */
    private static final Duration STARTUP = Duration.ofMinutes(8);
    private static final String DEMO_PASSWORD = "storefront-" + UUID.randomUUID();

    static AppProcess shop;
    static AppProcess gateway;
    static String publicUrl;
    static Path profile;
    static WebDriver browser;

    @BeforeAll
    static void startTheShopAndTheGateway() throws IOException {
        Optional<String> missing = HeadlessChromium.missing();
        if (missing.isPresent()) {
            // as DashboardBrowserTests: CI installs them, so there a missing browser is a broken machine
            if (System.getenv("CI") != null) {
                fail("The storefront test: " + missing.get());
            }
            Assumptions.abort("The storefront test: " + missing.get());
        }
        // the issuer's public URL is the gateway's: the browser, the gateway and the tokens all name it
        ShopBehindGateway estate = ShopBehindGateway.of("", "localhost", DEMO_PASSWORD, STARTUP);
        publicUrl = estate.publicUrl;
        estate.withoutServices("storefront-admin");
        shop = estate.startShop();
        gateway = estate.startedGateway();
        profile = Files.createTempDirectory("ficus-storefront-chromium");
        browser = HeadlessChromium.start(profile, 1400, 1000);
    }

    @AfterAll
    static void stopEverything() {
        HeadlessChromium.quit(browser, profile);
        AppProcess.closeAll(gateway, shop);
    }

    @Test
    void aCustomerOrdersInTheBrowserSessionAndAnotherCustomerNeverSeesIt() throws IOException {
        WebDriverWait wait = waiting();
        browser.get(publicUrl + "/");
        storefrontReady(wait);
        assertThat(text("who")).isEqualTo("Not logged in");

        logIn(wait, "ada@example.com");
        // products come from the shop through the gateway; ordering is open to the logged-in customer
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#products tbody tr button.order")));
        List<WebElement> products = browser.findElements(By.cssSelector("#products tbody tr"));
        assertThat(products).isNotEmpty();
        String product = products.get(0).findElements(By.tagName("td")).get(1).getText();
        products.get(0).findElement(By.cssSelector("button.order")).click();

        wait.until(ExpectedConditions.textMatches(By.id("order-status"),
                java.util.regex.Pattern.compile("Order [0-9a-f-]{36} placed")));
        String orderId = text("order-status").replace("Order ", "").replace(" placed", "");
        By orderRow = By.cssSelector("#orders tr[data-order-id='" + orderId + "']");
        wait.until(ExpectedConditions.presenceOfElementLocated(orderRow));
        assertThat(browser.findElement(orderRow).getText()).contains(orderId).contains("1 × " + product);
        HeadlessChromium.screenshot(browser, Path.of("target", "storefront-ada.png"));

        logOut(wait);
        // the gateway's session is gone: the shop no longer learns who is calling
        assertThat(fetchStatus("/userinfo")).isEqualTo(401);

        // the shop's own login session ended too (RP-initiated logout): the next login asks for a password again
        logIn(wait, "grace@example.com");
        wait.until(ExpectedConditions.attributeToBe(By.id("orders"), "data-loaded", "true"));
        assertThat(browser.findElements(orderRow)).isEmpty();
        assertThat(browser.findElement(By.id("orders")).getText()).doesNotContain(orderId);
        HeadlessChromium.screenshot(browser, Path.of("target", "storefront-grace.png"));
        logOut(wait);
    }

    private static void logIn(WebDriverWait wait, String user) {
        wait.until(ExpectedConditions.elementToBeClickable(By.id("login"))).click();
        // the shop's login form, reached through the gateway (the issuer's public URL is the gateway's)
        wait.until(ExpectedConditions.presenceOfElementLocated(By.name("username")));
        assertThat(browser.getCurrentUrl()).startsWith(publicUrl + "/login");
        browser.findElement(By.name("username")).sendKeys(user);
        browser.findElement(By.name("password")).sendKeys(DEMO_PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.urlToBe(publicUrl + "/"));
        storefrontReady(wait);
        wait.until(ExpectedConditions.textToBe(By.id("who"), "Logged in as " + user));
    }

    private static void logOut(WebDriverWait wait) {
        browser.findElement(By.cssSelector("#logout button")).click();
        wait.until(ExpectedConditions.textToBe(By.id("who"), "Not logged in"));
        assertThat(browser.getCurrentUrl()).isEqualTo(publicUrl + "/");
    }

    private static void storefrontReady(WebDriverWait wait) {
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
    }

    /** The status the page's own fetch of a path gets (with the browser's cookies, as the storefront's calls). */
    private static long fetchStatus(String path) {
        Object status = ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0]).then(r => done(r.status), e => done(-1));", path);
        return ((Number) status).longValue();
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText();
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
