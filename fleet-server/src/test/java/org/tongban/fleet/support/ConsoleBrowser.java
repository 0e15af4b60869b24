package org.tongban.fleet.support;

import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Debian's chromium, headless, through chromedriver, on a console: log in, wait, read through waits, screenshots. */
public final class ConsoleBrowser implements AutoCloseable {

    public static final Path SCREENSHOTS = Path.of("../docs/fleet");
    public final WebDriver driver;
    private final URI base;
    private final Path profile;

    public ConsoleBrowser(URI base) throws Exception {
        this.base = base;
        this.profile = Files.createTempDirectory("fleet-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
                "--lang=zh-CN");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver")).build();
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1600, 1000));
    }

    public void open(String path) {
        driver.get(base + path);
    }

    public void login(String name, String password, String lang) {
        open("/console/login?lang=" + lang);
        driver.findElement(By.id("name")).sendKeys(name);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("login")).click();
        waitFor(d -> !d.getCurrentUrl().contains("/login"), 10);
    }

    public <T> T waitFor(Function<WebDriver, T> condition, int seconds) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.NoSuchElementException.class).until(condition::apply);
    }

    /** Read through a wait: the live part of a page may be swapped between finding an element and reading it. */
    public String text(By by) {
        return waitFor(d -> d.findElement(by).getText(), 10);
    }

    /** Clicks through a wait (the element may be swapped by a live update just then). */
    public void click(By by) {
        waitFor(d -> {
            d.findElement(by).click();
            return true;
        }, 10);
    }

    public String attribute(By by, String name) {
        return waitFor(d -> d.findElement(by).getAttribute(name), 10);
    }

    public void screenshot(String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() throws Exception {
        driver.quit();
        try (var walk = Files.walk(profile)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
