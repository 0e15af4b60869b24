package org.tongban.kiosk.update;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A/B application releases for real: taken from the channel into the inactive slot, started by the launcher
 * as a separate JVM, committed when they confirm their health, rolled back by the launcher itself when not.
 */
class SlotLauncherTest {

    @TempDir
    Path home;

    private Channels ch;
    private Path data;
    private final Clock clock = Clock.systemUTC();

    @BeforeEach
    void setUp() throws Exception {
        ch = new Channels(home, clock);
        data = home.resolve("data");
    }

    @AfterEach
    void tearDown() {
        ch.close();
    }

    private void publishAndApply(long sequence, String version, boolean healthy) throws Exception {
        ch.publish(sequence, version, null, null, ch.fakeApp("app-" + version, healthy), 100, 30);
        Updater u = ch.updater(data, "YN-KM-GD-0001", clock);
        assertThat(u.install(u.download(u.check())).app(), is(true));
    }

    private int launch(Duration healthTimeout) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new SlotLauncher(new SlotLauncher.Settings(data, healthTimeout, java,
                System.getProperty("java.class.path"), List.of(), List.of()), clock).run();
    }

    @Test
    void aHealthyReleaseIsCommittedAndABrokenOneRolledBackByTheLauncher() throws Exception {
        publishAndApply(1, "1.0.0", true);
        AppSlots slots = new AppSlots(data);
        assertThat(slots.state().active(), equalTo("a"));
        assertThat(slots.state().trial(), is(true));
        assertThat(launch(Duration.ofSeconds(20)), equalTo(0));
        assertThat(slots.state().trial(), is(false));
        assertThat(slots.state().activeVersion(), equalTo("1.0.0"));

        // 2.0.0 never confirms its health and would run for a minute: the launcher stops it after 3 s,
        // goes back to slot a by itself and starts 1.0.0, which runs and exits normally
        publishAndApply(2, "2.0.0", false);
        assertThat(slots.state().active(), equalTo("b"));
        long started = System.nanoTime();
        assertThat(launch(Duration.ofSeconds(3)), equalTo(0));
        assertThat(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 50, is(true));
        AppSlots.State after = slots.state();
        assertThat(after.active(), equalTo("a"));
        assertThat(after.activeVersion(), equalTo("1.0.0"));
        assertThat(after.trial(), is(false));
        assertThat(after.lastRollback().version(), equalTo("2.0.0"));
        assertThat(after.lastRollback().reason(), containsString("no health confirmation within 3 s"));
        // the rolled-back release is not taken again from the channel: its sequence is behind the guard
        assertThat(ch.updater(data, "YN-KM-GD-0001", clock).check().newer(), is(false));
        assertThat(new UpdateReport(data).read().lastRollback().release(), equalTo("2.0.0"));
    }

    @Test
    void aReleaseThatExitsBeforeConfirmingFallsBackToThePackagedApplication() throws Exception {
        publishAndApply(1, "1.0.0", false);
        // the packaged application here is the test class path: org.tongban.kiosk.Main --version prints and exits 0;
        // the broken release, given an argument it does not take, exits at once
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        int code = new SlotLauncher(new SlotLauncher.Settings(data, Duration.ofSeconds(20), java,
                System.getProperty("java.class.path"), List.of(), List.of("--version")), clock).run();
        assertThat(code, equalTo(0));
        AppSlots.State s = new AppSlots(data).state();
        assertThat(s.active(), nullValue());
        assertThat(s.lastRollback().reason(), containsString("exited with code"));
    }
}
