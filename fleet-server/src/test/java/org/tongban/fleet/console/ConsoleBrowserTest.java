package org.tongban.fleet.console;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.tongban.fleet.app.FleetServer;
import org.tongban.fleet.operators.Role;
import org.tongban.fleet.simulator.SimulatedTerminal;
import org.tongban.fleet.simulator.TerminalSimulator;
import org.tongban.fleet.support.ConsoleBrowser;
import org.tongban.fleet.support.FleetFixture;
import org.tongban.fleet.support.TestPostgres;
import org.tongban.fleet.support.WithPostgres;

/**
 * The console in a real browser (Debian's chromium through chromedriver), against a real server whose terminals
 * are simulated and keep reporting in the background. Screenshots go to docs/fleet/.
 */
@WithPostgres
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserTest {

    static final String PASSWORD = "console-password-1";

    FleetFixture fleet;
    TerminalSimulator sim;
    final Set<String> silent = ConcurrentHashMap.newKeySet();
    ScheduledExecutorService reporting;
    ConsoleBrowser console;
    WebDriver browser;

    @BeforeAll
    void start(TestPostgres postgres) throws Exception {
        List<String> ids = new java.util.ArrayList<>();
        StringBuilder rows = new StringBuilder();
        String[][] halls = {{"Kunming", "Wuhua Hall"}, {"Kunming", "Panlong Hall"}, {"Dali", "Xiaguan Branch"}};
        for (int h = 0; h < halls.length; h++) {
            for (int i = 1; i <= 6; i++) {
                String id = "YN-" + (h + 1) + "-" + String.format("%04d", i);
                ids.add(id);
                rows.append(id).append(',').append(halls[h][0]).append(',').append(halls[h][1]).append(',')
                        .append(h == 2 ? "BANK_STM" : "HALL_KIOSK").append('\n');
            }
        }
        fleet = new FleetFixture(postgres, "console", FleetServer.Settings.defaults(0).withHeartbeatInterval(Duration.ofSeconds(2)),
                "terminalId,region,hall,profile\n" + rows);
        fleet.account("admin", Role.ADMIN, PASSWORD);
        fleet.account("operator", Role.OPERATOR, PASSWORD);
        fleet.account("viewer", Role.VIEWER, PASSWORD);
        fleet.account("staff", Role.STAFF, PASSWORD, "Panlong Hall");
        sim = fleet.simulator(ids.toArray(String[]::new));
        sim.terminal("YN-1-0002").device("receipt-printer", "DEGRADED", "PAPER_LOW");
        sim.terminal("YN-3-0004").device("id-card-reader", "ERROR", null);
        sim.terminal("YN-3-0005").outbox(40, 7200);
        reporting = Executors.newSingleThreadScheduledExecutor();
        reporting.scheduleWithFixedDelay(() -> {
            for (SimulatedTerminal t : sim.terminals()) {
                if (!silent.contains(t.id())) {
                    try {
                        t.heartbeat();
                    } catch (Exception e) {
                        // the next round tries again
                    }
                }
            }
        }, 0, 500, TimeUnit.MILLISECONDS);
    }

    @BeforeEach
    void openBrowser() throws Exception {
        console = new ConsoleBrowser(fleet.base);
        browser = console.driver;
    }

    @AfterEach
    void closeBrowser() throws Exception {
        console.close();
    }

    @AfterAll
    void stop() throws Exception {
        reporting.shutdownNow();
        reporting.awaitTermination(5, TimeUnit.SECONDS);
        sim.close();
        fleet.close();
    }

    private void login(String name, String lang) {
        console.login(name, PASSWORD, lang);
    }

    private <T> T waitFor(java.util.function.Function<WebDriver, T> condition, int seconds) {
        return console.waitFor(condition, seconds);
    }

    /** Read through a wait: the live part of a page may be swapped between finding an element and reading it. */
    private String tileState(String id) {
        return waitFor(d -> d.findElement(By.id("tile-" + id)).getAttribute("data-state"), 10);
    }

    private String text(By by) {
        return console.text(by);
    }

    private void screenshot(String name) throws Exception {
        console.screenshot(name);
    }

    @Test
    void aTerminalThatStopsReportingGoesOfflineOnTheOverviewWithoutAReload() throws Exception {
        login("operator", "en");
        waitFor(d -> d.findElement(By.id("tile-YN-1-0003")).getAttribute("data-state").equals("ONLINE"), 10);
        assertThat(text(By.id("tile-YN-1-0003")), containsString("Online"));
        assertThat(tileState("YN-1-0002"), is("DEGRADED"));
        console.click(By.tagName("body"));
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("window.sameDocument = true;");
        silent.add("YN-1-0003");
        try {
            waitFor(d -> d.findElement(By.id("tile-YN-1-0003")).getAttribute("data-state").equals("OFFLINE"), 20);
            assertThat("the state is written, not only coloured", text(By.id("tile-YN-1-0003")), containsString("Offline"));
            assertThat("live update, not a page load",
                    ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("return window.sameDocument === true;"), is(true));
            waitFor(d -> !d.findElements(By.cssSelector("tr.alert-OFFLINE")).isEmpty(), 10);
            screenshot("overview.png");
            browser.get(fleet.base + "/console/terminals/YN-3-0005");
            assertThat(text(By.cssSelector(".facts")), containsString("7200"));
            assertThat(browser.getPageSource(), containsString("ID card reader"));
            browser.get(fleet.base + "/console/terminals/YN-3-0004");
            waitFor(d -> d.findElement(By.id("state")).getText().equals("Degraded"), 10);
            assertThat(text(By.cssSelector("tr.dev-ERROR")), containsString("fault"));
            screenshot("terminal.png");
        } finally {
            silent.remove("YN-1-0003");
        }
    }

    @Test
    void anOperatorLocksAHallWithAConfirmationAndSeesEachTerminalCarryItOut() throws Exception {
        login("operator", "zh");
        browser.get(fleet.base + "/console/commands/new?hall=" + java.net.URLEncoder.encode("Wuhua Hall", "UTF-8"));
        new Select(browser.findElement(By.id("type"))).selectByValue("LOCK");
        console.click(By.id("continue"));
        waitFor(d -> d.findElement(By.cssSelector(".error")).isDisplayed(), 10);
        assertThat("LOCK without a reason is sent back", browser.findElement(By.cssSelector(".error")).getText(), containsString("原因"));
        new Select(browser.findElement(By.id("type"))).selectByValue("LOCK");
        browser.findElement(By.id("reason")).sendKeys("地面清洁");
        console.click(By.id("continue"));
        waitFor(d -> d.findElement(By.id("confirm-text")).isDisplayed(), 10);
        assertThat(browser.findElement(By.id("confirm-text")).getText(), containsString("6"));
        console.click(By.id("confirm"));
        waitFor(d -> d.getCurrentUrl().contains("/console/batches/"), 10);
        assertThat(browser.findElements(By.cssSelector("tr[id^=progress-YN-1-]")).size(), is(6));
        waitFor(d -> d.findElements(By.cssSelector("tr[data-status=DONE]")).size() == 6, 20);
        assertThat(text(By.id("progress-summary")), is("6 / 6"));
        for (int i = 1; i <= 6; i++) {
            assertThat(sim.terminal("YN-1-000" + i).locked(), is(true));
        }
        assertThat(sim.terminal("YN-2-0001").locked(), is(false));
        browser.get(fleet.base + "/console/audit");
        assertThat(browser.findElement(By.cssSelector("table.audit")).getText(), containsString("command.LOCK"));
        // and unlock again so the other tests see the hall online
        fleet.post("/fleet/v1/commands", fleet.token(Role.OPERATOR), "{\"type\":\"UNLOCK\",\"hall\":\"Wuhua Hall\"}");
    }

    @Test
    void hallStaffSeeACallWithinTwoSecondsAndTheirAcknowledgementReachesTheKiosk() throws Exception {
        login("staff", "zh");
        browser.manage().window().setSize(new Dimension(1024, 768));
        assertThat(browser.getCurrentUrl(), containsString("/console/halls/"));
        waitFor(d -> !d.findElements(By.id("no-calls")).isEmpty(), 10);
        long pressed = System.nanoTime();
        sim.terminal("YN-2-0003").callStaff("社保/打印缴费记录");
        sim.terminal("YN-2-0003").heartbeat();
        waitFor(d -> !d.findElements(By.id("call-YN-2-0003")).isEmpty(), 5);
        long shownMs = (System.nanoTime() - pressed) / 1_000_000;
        assertThat("a call shows within 2 s of the heartbeat that carries it", shownMs, lessThan(2000L));
        assertThat(text(By.id("call-YN-2-0003")), containsString("社保/打印缴费记录"));
        screenshot("staff-view.png");
        console.click(By.id("ack-YN-2-0003-ASSISTANCE"));
        waitFor(d -> d.findElement(By.id("call-YN-2-0003")).getText().contains("staff (display)"), 10);
        long deadline = System.currentTimeMillis() + 10_000;
        while (sim.terminal("YN-2-0003").acknowledgedBy() == null && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat("the next heartbeat answer tells the kiosk", sim.terminal("YN-2-0003").acknowledgedBy(), is("staff (display)"));
        // a hall's staff cannot command
        browser.get(fleet.base + "/console/commands/new?hall=Panlong%20Hall");
        assertThat(browser.findElement(By.id("message")).getText(), containsString("STAFF"));
        sim.terminal("YN-2-0003").staffArrived();
    }

    @Test
    void anAdminCreatesATokenAndAnAccountInTheConsole() throws Exception {
        login("admin", "en");
        browser.get(fleet.base + "/console/admin");
        browser.findElement(By.cssSelector("form[action='/console/admin/tokens'] input[name=name]")).sendKeys("noc-dashboard");
        new Select(browser.findElement(By.cssSelector("form[action='/console/admin/tokens'] select[name=role]"))).selectByValue("VIEWER");
        console.click(By.cssSelector("form[action='/console/admin/tokens'] button"));
        String token = waitFor(d -> d.findElement(By.id("new-token")), 10).getText();
        assertThat(fleet.get("/fleet/v1/terminals", token).statusCode(), is(200));
        browser.get(fleet.base + "/console/admin");
        browser.findElement(By.cssSelector("form[action='/console/admin/users'] input[name=name]")).sendKeys("liu");
        new Select(browser.findElement(By.cssSelector("form[action='/console/admin/users'] select[name=role]"))).selectByValue("STAFF");
        browser.findElement(By.cssSelector("form[action='/console/admin/users'] input[name=halls]")).sendKeys("Wuhua Hall");
        browser.findElement(By.cssSelector("form[action='/console/admin/users'] input[name=password]")).sendKeys("liu-password-1");
        console.click(By.cssSelector("form[action='/console/admin/users'] button"));
        waitFor(d -> d.getPageSource().contains("liu"), 10);
        assertThat(fleet.count("SELECT count(*) FROM audit WHERE actor = 'admin' AND action IN ('token.create', 'account.add')"), is(2L));
        browser.get(fleet.base + "/console/audit");
        assertThat(browser.findElement(By.cssSelector("table.audit")).getText(), containsString("account.add"));
    }

    @Test
    void aViewerIsRefusedACommandAndFormsWithoutTheCsrfTokenAreRefused() throws Exception {
        login("viewer", "en");
        assertThat("no command links for a viewer", browser.findElements(By.cssSelector("a[href*='/console/commands/new']")).size(), is(0));
        browser.get(fleet.base + "/console/commands/new?hall=Wuhua%20Hall");
        assertThat(browser.findElement(By.id("message")).getText(), containsString("Your role (VIEWER) may not do this"));
        String cookie = browser.manage().getCookieNamed("fleet_session").getValue();
        assertThat(browser.manage().getCookieNamed("fleet_session").isHttpOnly(), is(true));
        long before = fleet.count("SELECT count(*) FROM command");
        // even a form posted straight at the server, with the session but without the token, changes nothing
        HttpResponse<String> forged = fleet.http.send(HttpRequest.newBuilder(fleet.base.resolve("/console/commands"))
                .header("Cookie", "fleet_session=" + cookie).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("type=RESTART&hall=Wuhua+Hall")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode(), is(403));
        assertThat(fleet.count("SELECT count(*) FROM command"), is(before));
        String setCookie = fleet.http.send(HttpRequest.newBuilder(fleet.base.resolve("/console/login")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).headers().firstValue("Set-Cookie").orElse("");
        assertThat(setCookie, containsString("SameSite=Strict"));
    }
}
