package org.tongban.fleet.rollouts;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.tongban.fleet.app.FleetServer;
import org.tongban.fleet.operators.Role;
import org.tongban.fleet.simulator.SimulatedTerminal;
import org.tongban.fleet.simulator.TerminalSimulator;
import org.tongban.fleet.support.ConsoleBrowser;
import org.tongban.fleet.support.FleetFixture;
import org.tongban.fleet.support.TestPostgres;
import org.tongban.fleet.support.WithPostgres;

/**
 * A staged rollout started in the console, in a real browser, on terminals that act on the gate: a pilot hall,
 * then half the fleet with a 2 % threshold where one terminal rolls back, then the rest. The rollout pauses itself
 * at wave 2, says why, raises an alert; the gate keeps wave 3 back; the operator resumes and it completes. A
 * second rollout is aborted with rollback and the terminals on it go back.
 */
@WithPostgres
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class RolloutBrowserTest {

    private static final String PASSWORD = "rollout-password-1";
    private FleetFixture fleet;
    private TerminalSimulator sim;
    private ScheduledExecutorService reporting;
    private final List<String> ids = new ArrayList<>();

    @BeforeAll
    void start(TestPostgres postgres) throws Exception {
        StringBuilder rows = new StringBuilder();
        String[] halls = {"Pilot Hall", "Wuhua Hall", "Panlong Hall"};
        for (int h = 0; h < halls.length; h++) {
            for (int i = 1; i <= (h == 0 ? 3 : 12); i++) {
                String id = "YN-" + (h + 1) + "-" + String.format("%04d", i);
                ids.add(id);
                rows.append(id).append(",Kunming,").append(halls[h]).append(",HALL_KIOSK\n");
            }
        }
        fleet = new FleetFixture(postgres, "rollout", FleetServer.Settings.defaults(0).withHeartbeatInterval(Duration.ofSeconds(2)),
                "terminalId,region,hall,profile\n" + rows);
        fleet.account("operator", Role.OPERATOR, PASSWORD);
        sim = fleet.simulator(ids.toArray(String[]::new));
        reporting = Executors.newSingleThreadScheduledExecutor();
        reporting.scheduleWithFixedDelay(() -> {
            for (SimulatedTerminal t : sim.terminals()) {
                try {
                    t.heartbeat();
                } catch (Exception e) {
                    // the next round tries again
                }
            }
        }, 0, 300, TimeUnit.MILLISECONDS);
    }

    @AfterAll
    void stop() throws Exception {
        reporting.shutdownNow();
        reporting.awaitTermination(5, TimeUnit.SECONDS);
        sim.close();
        fleet.close();
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void theRolloutPausesItselfAtTheWaveWhereTerminalsRollBackAndTheConsoleSaysWhy() throws Exception {
        try (ConsoleBrowser browser = new ConsoleBrowser(fleet.base)) {
            browser.login("operator", PASSWORD, "en");
            browser.open("/console/rollouts");
            browser.driver.findElement(By.name("sequence")).sendKeys("42");
            browser.driver.findElement(By.name("version")).sendKeys("1.4.3");
            WebElement waves = browser.driver.findElement(By.name("waves"));
            waves.clear();
            waves.sendKeys("hall=Pilot Hall\n50%; threshold=2%\n100%");
            WebElement soak = browser.driver.findElement(By.name("soak"));
            soak.clear();
            soak.sendKeys("1s");
            browser.driver.findElement(By.id("rollout-start")).click();
            browser.waitFor(d -> d.getCurrentUrl().matches(".*/console/rollouts/[0-9a-f-]{36}$"), 10);

            // The release is published once the gate is up (the manifest alone would let every terminal take it);
            // one terminal of wave 2 will not confirm its health (its wave opens only after the pilot hall's).
            String wave2Terminal = firstOfWave(1);
            for (SimulatedTerminal t : sim.terminals()) {
                t.channel(new SimulatedTerminal.Channel(42, "1.4.3", t.id().equals(wave2Terminal)));
            }
            List<String> wave3 = terminalsOfWave(2);
            assertThat(wave3, not(empty()));

            browser.waitFor(d -> "PAUSED".equals(d.findElement(By.id("rollout-status")).getAttribute("data-status")), 40);
            String reason = browser.text(By.id("paused-reason"));
            assertThat(reason, containsString("wave 2 (50%)"));
            assertThat(reason, containsString("refused or rolled back"));
            assertThat(browser.attribute(By.id("wave-2"), "class"), is("over-threshold"));
            assertThat(browser.text(By.cssSelector("#wave-2 .n-ROLLED_BACK")), is("1"));
            assertThat(browser.text(By.cssSelector("#rollout-terminals tr.progress-ROLLED_BACK")), containsString(wave2Terminal));
            assertThat(browser.text(By.cssSelector("#wave-1 .n-HEALTHY")), is("3"));
            browser.screenshot("rollout-paused.png");

            // paused: the gate keeps wave 3 on the old release, whatever the channel offers
            Thread.sleep(1500);
            for (String id : wave3) {
                assertThat(id + " still on 41", sim.terminal(id).installedSequence(), is(41L));
            }
            assertThat(fleet.count("SELECT count(*) FROM alert WHERE kind = 'ROLLOUT_PAUSED' AND closed_at IS NULL"), is(1L));
            assertThat(fleet.count("SELECT count(*) FROM audit WHERE action = 'rollout.pause' AND actor = 'system:rollout'"), is(1L));
            browser.open("/console/alerts?lang=en");
            assertThat(browser.text(By.cssSelector("tr.alert-ROLLOUT_PAUSED")), containsString("wave 2"));
            browser.driver.navigate().back();

            browser.click(By.id("resume"));
            browser.waitFor(d -> "COMPLETED".equals(d.findElement(By.id("rollout-status")).getAttribute("data-status")), 60);
            for (String id : wave3) {
                assertThat(id + " updated after the resume", sim.terminal(id).installedSequence(), is(42L));
            }
            assertThat(fleet.count("SELECT count(*) FROM alert WHERE kind = 'ROLLOUT_PAUSED' AND closed_at IS NULL"), is(0L));
            assertThat(fleet.count("SELECT count(*) FROM audit WHERE action = 'rollout.resume' AND actor = 'operator'"), is(1L));
            assertThat(fleet.count("SELECT count(*) FROM audit WHERE action = 'rollout.complete'"), is(1L));
        }
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void anOperatorAbortsARolloutWithRollbackAndTheTerminalsOnItGoBack() throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream was = System.out;
        int code;
        System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            code = org.tongban.fleet.cli.FleetCli.run("rollout", "start", "--sequence", "43", "--version", "1.4.4", "--wave", "100%; soak=1h",
                    "--database", fleet.url);
        } finally {
            System.setOut(was);
        }
        assertThat(out.toString(), code, is(0));
        java.util.Map<String, Long> before = new java.util.HashMap<>();
        for (SimulatedTerminal t : sim.terminals()) {
            before.put(t.id(), t.installedSequence()); // 42, or 41 for the one that rolled 42 back
            t.channel(new SimulatedTerminal.Channel(43, "1.4.4", false));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (sim.terminals().stream().anyMatch(t -> t.installedSequence() != 43) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        try (ConsoleBrowser browser = new ConsoleBrowser(fleet.base)) {
            browser.login("operator", PASSWORD, "en");
            browser.open("/console/rollouts");
            browser.driver.findElement(By.cssSelector("tr.rollout-RUNNING a")).click();
            browser.waitFor(d -> Integer.parseInt(d.findElement(By.cssSelector("#wave-1 .n-HEALTHY")).getText()) == ids.size(), 30);
            // an operator may hold a running rollout first, then abort it from there
            browser.click(By.id("pause"));
            browser.waitFor(d -> "PAUSED".equals(d.findElement(By.id("rollout-status")).getAttribute("data-status")), 10);
            assertThat(fleet.count("SELECT count(*) FROM audit WHERE action = 'rollout.pause' AND actor = 'operator'"), is(1L));
            browser.click(By.id("abort-rollback"));
            Thread.sleep(1_000); // the live part is swapped several times meanwhile: the ticked box stays ticked
            assertThat(browser.waitFor(d -> d.findElement(By.id("abort-rollback")).isSelected(), 5), is(true));
            browser.click(By.id("abort"));
            browser.waitFor(d -> "ABORTED".equals(d.findElement(By.id("rollout-status")).getAttribute("data-status")), 10);
        }
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (sim.terminals().stream().anyMatch(t -> t.installedSequence() == 43) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        for (SimulatedTerminal t : sim.terminals()) {
            assertThat(t.id() + " back on what it had before", t.installedSequence(), is(before.get(t.id())));
        }
        String done = "SELECT count(*) FROM command WHERE type = 'ROLLBACK' AND status = 'DONE'";
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (fleet.count(done) < ids.size() && System.nanoTime() < deadline) {
            Thread.sleep(200); // each result comes in the heartbeat after the one that carried the command
        }
        assertThat(fleet.count(done), is((long) ids.size()));
        assertThat(fleet.count("SELECT count(*) FROM audit WHERE action = 'rollout.abort' AND detail LIKE '%told to roll back%'"), is(1L));
        assertThat(fleet.count("SELECT count(*) FROM audit WHERE action = 'rollout.start' AND actor LIKE 'cli:%'"), is(1L));
    }

    private String firstOfWave(int wave) throws Exception {
        return terminalsOfWave(wave).get(0);
    }

    private List<String> terminalsOfWave(int wave) throws Exception {
        List<String> out = new ArrayList<>();
        try (var c = fleet.db.connection(); var st = c.prepareStatement("SELECT terminal_id FROM rollout_terminal"
                + " WHERE wave = ? AND rollout_id = (SELECT id FROM rollout ORDER BY created_at DESC LIMIT 1) ORDER BY terminal_id")) {
            st.setInt(1, wave);
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}
