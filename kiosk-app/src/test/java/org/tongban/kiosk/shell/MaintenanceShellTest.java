package org.tongban.kiosk.shell;

import static org.tongban.kiosk.shell.ShellScreens.shows;
import static org.tongban.kiosk.shell.ShellScreens.showsText;
import static org.tongban.kiosk.shell.ShellScreens.text;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.tongban.devices.Device;
import org.tongban.devices.idcard.CardText;
import org.tongban.devices.idcard.ReaderEmulator;
import org.tongban.devices.idcard.SamIdCardReader;
import org.tongban.devices.idcard.SocatPty;
import org.tongban.kiosk.admin.MaintenanceAccess;
import org.tongban.kiosk.app.Demo;
import org.tongban.kiosk.app.ShippedConfig;
import org.tongban.kiosk.config.ConfigLoader;
import org.tongban.kiosk.journal.JournalEntry;
import org.tongban.kiosk.journal.JournalKind;
import org.tongban.kiosk.session.Session;

/**
 * Maintenance mode as a technician uses it, by touch, on a real (headless, Monocle) stage over a whole
 * demo terminal: the hidden long press and the PIN keypad, the lockout after wrong PINs, a device test
 * from the dashboard, and a wrong serial port put right in the configuration editor (the SAM ID card
 * reader emulator on a real pty from socat) without restarting the application.
 */
@ExtendWith(ApplicationExtension.class)
class MaintenanceShellTest {

    private static final String FULL_ID_NUMBER = "11010519491231002X";

    @TempDir
    Path dir;
    private Stage stage;
    @RegisterExtension
    final DemoStage shell = DemoStage.starting(Duration.ofSeconds(60), Duration.ofSeconds(10));
    private Demo demo;
    private ReaderEmulator emulator;
    private SocatPty pty;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    /** A demo terminal (long idle times: no idle warning in the way) with the shell and its maintenance corner. */
    private void open(FxRobot robot, Demo.Overrides overrides) throws Exception {
        demo = shell.start(overrides);
        robot.interact(() -> shell.show(stage, new ShellWindow(demo.terminal().navigator(), demo.terminal().status(),
                null, demo.terminal().workbench())));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void stop() throws Exception {
        shell.close(); // the demo's readers first, then the ports they use
        if (pty != null) {
            pty.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void aLongPressAndThePinOpenTheDashboardATapDoesNotAndLeavingReturnsToTheAttractScreen(FxRobot robot)
            throws Exception {
        open(robot, Demo.Overrides.NONE);
        robot.clickOn("#start");
        shows(robot, "#home");
        Session visit = demo.terminal().sessions().current().orElseThrow();

        // During a visit there is no hidden corner: the citizen's tap on the header's exit button, even on
        // its far end, is an exit, never swallowed.
        assertThat(robot.lookup("#maintenanceCorner").tryQuery().isPresent(), is(false));
        robot.clickOn(robot.point("#exit").atPosition(Pos.CENTER_RIGHT).atOffset(new Point2D(-6, 0)));
        shows(robot, "#attract");
        assertThat(visit.isWiped(), is(true));
        assertThat(demo.terminal().sessions().current().isPresent(), is(false));

        // A tap on the attract screen's corner: nothing opens. Only after the whole hold time can it be
        // said that nothing happened.
        robot.clickOn("#maintenanceCorner");
        WaitForAsyncUtils.sleep((long) MaintenanceCorner.HOLD.toMillis() + 700, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#pinPad").tryQuery().isPresent(), is(false));
        assertThat(demo.terminal().maintenance().active(), is(false));
        assertThat(robot.lookup("#attract").tryQuery().isPresent(), is(true));

        // The technician holds it: the keypad.
        longPressCorner(robot);
        typePin(robot, Demo.TECHNICIAN_PIN.substring(0, 3));
        // Dots for the digits typed, never the digits.
        assertThat(text(robot, "#pin-dots"), equalTo("●●●"));
        robot.clickOn("#pin-clear");
        assertThat(text(robot, "#pin-dots"), equalTo(""));
        typePin(robot, Demo.TECHNICIAN_PIN);
        robot.clickOn("#pin-ok");
        shows(robot, "#maintenance");
        assertThat(text(robot, "#maintenance"), containsString("技术人员"));

        // Every configured device has its row with its state.
        List<Device> devices = demo.terminal().devices().all();
        assertThat(devices.size(), greaterThan(5));
        for (Device d : devices) {
            showsText(robot, "#dev-state-" + d.name(), d.state().name());
            assertThat(text(robot, "#dev-" + d.name()), containsString(d.deviceClass().name()));
        }
        assertThat(text(robot, "#dev-state-idcard"), equalTo("ONLINE / ENABLED"));

        // No visit starts under the technician's hands, even when a card is placed.
        demo.idCardReader().present(Demo.sampleCard());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(demo.terminal().sessions().current().isPresent(), is(false));
        demo.idCardReader().removeCard();

        robot.clickOn("#maint-leave");
        shows(robot, "#attract");
        assertThat(demo.terminal().maintenance().active(), is(false));
        assertThat(demo.terminal().sessions().current().isPresent(), is(false));
        List<JournalKind> kinds = kinds();
        assertThat(kinds.contains(JournalKind.MAINTENANCE_LOGIN), is(true));
        assertThat(kinds.get(kinds.size() - 1), equalTo(JournalKind.MAINTENANCE_LOGOUT));
        // The attract screen works again for citizens.
        robot.clickOn("#start");
        shows(robot, "#home");
    }

    @Test
    void fiveWrongPinsLockTheKeypadEvenAgainstTheRightPin(FxRobot robot) throws Exception {
        open(robot, Demo.Overrides.NONE);
        longPressCorner(robot);
        typePin(robot, "0000");
        robot.clickOn("#pin-ok");
        showsText(robot, "#pin-prompt", "还可以再试 4 次");
        for (int i = 2; i <= MaintenanceAccess.MAX_WRONG; i++) {
            typePin(robot, "111" + i);
            robot.clickOn("#pin-ok");
            if (i < MaintenanceAccess.MAX_WRONG) { // each check takes a while (full-strength hashes): wait for it
                showsText(robot, "#pin-prompt", "还可以再试 " + (MaintenanceAccess.MAX_WRONG - i) + " 次");
            }
        }
        showsText(robot, "#pin-prompt", "错误次数过多，已锁定至");

        // The sixth attempt, with the right PIN, is refused all the same.
        typePin(robot, Demo.TECHNICIAN_PIN);
        robot.clickOn("#pin-ok");
        showsText(robot, "#pin-prompt", "已锁定");
        assertThat(robot.lookup("#maintenance").tryQuery().isPresent(), is(false));
        assertThat(demo.terminal().maintenance().role().isPresent(), is(false));

        // Leaving and holding the corner again does not reset the count: the keypad says locked at once.
        robot.clickOn("#pin-cancel");
        shows(robot, "#attract");
        longPressCorner(robot);
        assertThat(text(robot, "#pin-prompt"), containsString("已锁定"));

        List<JournalEntry> journal = demo.terminal().journal().read(null, null);
        List<JournalEntry> failed = journal.stream().filter(e -> e.kind() == JournalKind.MAINTENANCE_LOGIN_FAILED).toList();
        assertThat(failed, hasSize(MaintenanceAccess.MAX_WRONG + 1));
        assertThat(failed.subList(0, MaintenanceAccess.MAX_WRONG).stream()
                .allMatch(e -> e.details().get("why").equals("wrong PIN")), is(true));
        assertThat(failed.get(MaintenanceAccess.MAX_WRONG).details().get("why"), equalTo("locked out"));
        List<JournalEntry> lockouts = journal.stream().filter(e -> e.kind() == JournalKind.MAINTENANCE_LOCKED_OUT).toList();
        assertThat(lockouts, hasSize(1));
        assertThat(lockouts.get(0).seq(), greaterThan(failed.get(MaintenanceAccess.MAX_WRONG - 1).seq()));
        assertThat(kinds().contains(JournalKind.MAINTENANCE_LOGIN), is(false));
        // No PIN, right or wrong, is ever written down: a failed login says why and how many in a row, no more.
        for (JournalEntry e : failed) {
            assertThat(Set.of("why", "inARow").containsAll(e.details().keySet()), is(true));
        }
    }

    @Test
    void aTechnicianPrintsATestPageAndReadsACardShownMasked(FxRobot robot) throws Exception {
        open(robot, Demo.Overrides.NONE);
        enterAsTechnician(robot);
        int sheets = demo.printer().sheetsInTray();
        showsText(robot, "#dev-counts-a4-printer", "打印 0 次 / 0 页");

        robot.clickOn("#dev-test-a4-printer");
        showsText(robot, "#dev-result-a4-printer", "✓ test page printed: 1 sheet(s)");
        assertThat(demo.printer().sheetsInTray(), equalTo(sheets - 1));
        try (Stream<Path> printed = Files.list(demo.printerOutput().orElseThrow())) {
            List<Path> pdfs = printed.filter(p -> p.toString().endsWith(".pdf")).toList();
            assertThat(pdfs, hasSize(1));
            assertThat(Files.size(pdfs.get(0)), greaterThan(500L));
        }
        // The row's counters follow at once, without a refresh of the whole dashboard.
        showsText(robot, "#dev-counts-a4-printer", "打印 1 次 / 1 页");

        // The ID reader's test waits for a card; the technician places one.
        robot.clickOn("#dev-test-idcard");
        showsText(robot, "#dev-result-idcard", "正在执行");
        demo.idCardReader().present(Demo.sampleCard());
        showsText(robot, "#dev-result-idcard", "✓ card read: 张");
        String shown = text(robot, "#maintenance");
        assertThat(shown, containsString("110"));
        assertThat(shown, containsString("002X"));
        assertThat(shown, not(containsString(FULL_ID_NUMBER)));
        assertThat(shown, not(containsString("张三")));
        // Still no visit: the card was the technician's test.
        assertThat(demo.terminal().sessions().current().isPresent(), is(false));

        List<JournalEntry> actions = demo.terminal().journal().read(null, null).stream()
                .filter(e -> e.kind() == JournalKind.DEVICE_ACTION).toList();
        assertThat(actions, hasSize(2));
        assertThat(actions.get(0).details().get("device"), equalTo("a4-printer"));
        assertThat(actions.get(1).details().get("device"), equalTo("idcard"));
        assertThat(actions.stream().allMatch(e -> e.details().get("ok").equals("true")
                && e.details().get("action").equals("TEST")), is(true));
        assertThat(demo.terminal().journal().read(null, null).toString(), not(containsString(FULL_ID_NUMBER)));
    }

    @Test
    void aWrongSerialPortIsPutRightInTheEditorAndTheReaderComesOnlineWithoutARestart(FxRobot robot) throws Exception {
        boolean socat = SocatPty.available();
        if (!socat && System.getenv("TONGBAN_REQUIRE_REAL_PARTS") != null) {
            throw new AssertionError("socat is required (TONGBAN_REQUIRE_REAL_PARTS is set)");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(socat, "socat is not installed (.ci/test installs it)");
        emulator = new ReaderEmulator(115200);
        pty = SocatPty.start(dir.resolve("ttyIDCARD"), emulator.tcpPort());
        // The reader is where udev put it (a pty under /dev/pts here); the configuration names a port that is not there.
        String rightPort = pty.link().toRealPath().toString();
        String wrongPort = "/dev/tongban-test-no-such-port/ttyUSB0";
        Path config = ShippedConfig.extract(dir.resolve("config")).dir();
        Path devicesFile = config.resolve(ConfigLoader.DEVICES_FILE);
        String shipped = Files.readString(devicesFile, StandardCharsets.UTF_8);
        String wrong = shipped.replaceFirst("driver: simulated\n    port: /dev/ttyUSB0",
                "driver: " + SamIdCardReader.DRIVER + "\n    port: " + wrongPort);
        assertThat(wrong, not(equalTo(shipped)));
        Files.writeString(devicesFile, wrong, StandardCharsets.UTF_8);

        open(robot, new Demo.Overrides(null, null, null, null, config));
        Path running = demo.terminal().config().dir().resolve(ConfigLoader.DEVICES_FILE);
        // The reader is required: without it the terminal is out of service.
        shows(robot, "#outOfService");
        enterAsTechnician(robot);
        showsText(robot, "#dev-idcard", SamIdCardReader.DRIVER + " @ " + wrongPort);
        assertThat(text(robot, "#dev-state-idcard"), not(startsWith("ONLINE")));
        assertThat(text(robot, "#dev-idcard"), containsString("did not start: serial port " + wrongPort + " does not exist"));

        robot.clickOn("#maint-config");
        robot.clickOn("#cfg-dev-idcard");
        shows(robot, "#cfg-port");
        assertThat(robot.lookup("#cfg-port").queryAs(TextField.class).getText(), equalTo(wrongPort));
        robot.clickOn("#cfg-port");
        robot.push(KeyCode.CONTROL, KeyCode.A);
        robot.write(rightPort);
        assertThat(robot.lookup("#cfg-port").queryAs(TextField.class).getText(), equalTo(rightPort));
        robot.clickOn("#cfg-check");
        showsText(robot, "#cfg-result", "检查通过");
        robot.clickOn("#cfg-save");
        showsText(robot, "#cfg-result", "已重新启动设备：idcard: ONLINE");

        robot.clickOn("#maint-dashboard");
        showsText(robot, "#dev-state-idcard", "ONLINE / ENABLED");
        assertThat(text(robot, "#dev-idcard"), containsString(SamIdCardReader.DRIVER + " @ " + rightPort));
        // The reader really talks: its test reads the card on the emulator, shown masked.
        emulator.place(CardText.resident().bytes(), CardText.photo());
        robot.clickOn("#dev-test-idcard");
        showsText(robot, "#dev-result-idcard", "✓ card read: 张");
        assertThat(text(robot, "#maintenance"), not(containsString(FULL_ID_NUMBER)));
        assertThat(emulator.commandsReceived(), greaterThan(0));

        // On disk: the new port, the version before kept, the change journalled with who made it.
        assertThat(Files.readString(running, StandardCharsets.UTF_8),
                equalTo(wrong.replace("port: " + wrongPort, "port: " + rightPort)));
        assertThat(Files.readString(running.resolveSibling(ConfigLoader.DEVICES_FILE + ".previous"),
                StandardCharsets.UTF_8), equalTo(wrong));
        JournalEntry change = demo.terminal().journal().read(null, null).stream()
                .filter(e -> e.kind() == JournalKind.CONFIG_CHANGED).reduce((a, b) -> b).orElseThrow();
        assertThat(change.details().get("from"), equalTo(wrongPort));
        assertThat(change.details().get("to"), equalTo(rightPort));
        assertThat(change.details().get("by"), equalTo("demo-technician"));

        // With its required reader back the terminal serves citizens again, without a restart.
        robot.clickOn("#maint-leave");
        shows(robot, "#attract");
        assertThat(demo.terminal().status().inService(), is(true));
    }

    private void enterAsTechnician(FxRobot robot) throws Exception {
        longPressCorner(robot);
        typePin(robot, Demo.TECHNICIAN_PIN);
        robot.clickOn("#pin-ok");
        shows(robot, "#maintenance");
        shows(robot, "#dev-state-idcard");
    }

    /** Holds the hidden corner until the keypad appears (the hold takes {@link MaintenanceCorner#HOLD}). */
    private static void longPressCorner(FxRobot robot) throws Exception {
        robot.moveTo("#maintenanceCorner").press(MouseButton.PRIMARY);
        try {
            shows(robot, "#pinPad");
        } finally {
            robot.release(MouseButton.PRIMARY);
        }
    }

    private static void typePin(FxRobot robot, String pin) {
        for (char c : pin.toCharArray()) {
            robot.clickOn("#pin-" + c);
        }
    }

    private List<JournalKind> kinds() throws Exception {
        return demo.terminal().journal().read(null, null).stream().map(JournalEntry::kind).toList();
    }
}
