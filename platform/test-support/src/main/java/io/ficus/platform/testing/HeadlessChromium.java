package io.ficus.platform.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.PageLoadStrategy;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium driven through its chromedriver, for the browser tests (the gateway's dashboard, the
 * storefront). Needs {@code selenium-chrome-driver} on the test's classpath (optional here). The driver is given, so
 * Selenium Manager never goes online.
 */
public final class HeadlessChromium {

    private static final Path CHROMIUM = Path.of(System.getProperty("ficus.test.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("ficus.test.chromedriver",
            "/usr/bin/chromedriver"));

    private HeadlessChromium() {
    }

    /** Why the browser cannot run here, with the command that fixes it; empty when Chromium and its driver exist. */
    public static Optional<String> missing() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return Optional.empty();
        }
        return Optional.of("Chromium and its driver are needed at " + CHROMIUM + " and " + CHROMEDRIVER
                + ": apt-get install -y chromium chromium-driver (or set -Dficus.test.chromium and "
                + "-Dficus.test.chromedriver)");
    }

    /** A browser with a throwaway profile in {@code profile}, its window {@code width} × {@code height}. */
    public static WebDriver start(Path profile, int width, int height) {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // a command returns once the page's DOM and scripts are ready, not after every style sheet and icon: the
        // tests wait on what the page shows instead (a click on a login button once hung 180 s on a loaded machine)
        options.setPageLoadStrategy(PageLoadStrategy.EAGER);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=" + width + "," + height, "--user-data-dir=" + profile,
                "--password-store=basic", "--disable-features=PasswordLeakDetection,AutofillServerCommunication");
        // no password manager: after a login form it may offer to save or check the password (a dialog, or a call
        // to Google that an offline machine cannot answer), which can hold up the next command
        options.setExperimentalOption("prefs", Map.of("credentials_enable_service", false,
                "profile.password_manager_enabled", false, "profile.password_manager_leak_detection", false));
        ChromeDriverService driverService = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(driverService, options);
    }

    /** Saves what the browser shows as a PNG at {@code target}. */
    public static void screenshot(WebDriver browser, Path target) {
        try {
            File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Quits the browser and deletes its profile; either may be null (a start that failed half-way). */
    public static void quit(WebDriver browser, Path profile) {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
