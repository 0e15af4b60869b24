package org.tongban.kiosk.shell;

import static org.tongban.kiosk.shell.ShellScreens.shows;
import static org.tongban.kiosk.shell.ShellScreens.waitUntil;
import static org.tongban.kiosk.shell.ShellScreens.text;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.tongban.kiosk.app.Demo;
import org.tongban.kiosk.flow.Navigator;
import org.tongban.kiosk.journal.JournalEntry;
import org.tongban.kiosk.journal.JournalKind;
import org.tongban.kiosk.platform.HeartbeatAnswer;

/**
 * Degraded service on a whole demo terminal: a failed printer greys out the items that print while
 * the others work; a failed required device, or the platform's LOCK, shows the out-of-service screen.
 */
@ExtendWith(ApplicationExtension.class)
class DegradedServiceTest {

    @RegisterExtension
    final DemoStage shell = DemoStage.online(Duration.ofSeconds(30), Duration.ofSeconds(5));
    private Demo demo;

    @Start
    void start(Stage stage) throws Exception {
        demo = shell.open(stage, d -> new ShellWindow(d.terminal().navigator(), d.terminal().status(), null));
    }

    @Test
    void aPrinterFailureGreysOutTheItemsThatPrint(FxRobot robot) throws Exception {
        demo.printer().paperOut();
        // the notice redraws the attract screen: touch it once that is done, not the screen being replaced
        ShellScreens.waitUntil(() -> !demo.terminal().status().notices().isEmpty());
        robot.clickOn("#start");
        robot.clickOn("#category-social-insurance");
        Button prints = robot.lookup("#item-SI-CERT-CONTRIB").queryAs(Button.class);
        assertThat(prints.isDisabled(), is(true));
        assertThat(prints.getText(), containsString("缺纸"));
        assertThat(robot.lookup("#item-SI-QUERY-PENSION").queryAs(Button.class).isDisabled(), is(false));

        // The items that do not print still run.
        robot.clickOn("#item-SI-CARD-LOSS");
        shows(robot, "#guidance");

        // Paper back: the item is offered again.
        demo.printer().refill(100);
        // The refill re-renders the screen from the device thread: look the button up and press it in one FX
        // turn, so the robot never aims at a button that was just replaced.
        robot.interact(() -> robot.lookup("#back").queryAs(Button.class).fire());
        waitUntil(() -> !robot.lookup("#item-SI-CERT-CONTRIB").queryAs(Button.class).isDisabled());
    }

    @Test
    void aFailedRequiredDeviceClosesTheTerminalUntilItIsBack(FxRobot robot) throws Exception {
        demo.idCardReader().unplug();
        shows(robot, "#outOfService");
        assertThat(text(robot, "#outOfService"), containsString("人工窗口"));
        robot.clickOn("#outOfService");
        assertThat(demo.terminal().navigator().screen(), equalTo(Navigator.Screen.ATTRACT));
        assertThat(demo.terminal().sessions().current().isPresent(), is(false));

        demo.idCardReader().plugIn();
        shows(robot, "#attract");
        List<JournalKind> kinds = demo.terminal().journal().read(null, null).stream().map(JournalEntry::kind).toList();
        assertThat(kinds.contains(JournalKind.OUT_OF_SERVICE) && kinds.contains(JournalKind.BACK_IN_SERVICE), is(true));
    }

    @Test
    void thePlatformsLockLetsTheCurrentVisitFinishThenClosesUntilUnlock(FxRobot robot) throws Exception {
        robot.clickOn("#start");
        shows(robot, "#home");
        String terminal = demo.terminal().config().kiosk().terminal().id();
        demo.platform().queueCommand(terminal, new HeartbeatAnswer.Command(HeartbeatAnswer.CommandType.LOCK,
                Map.of("message", "请到 3 号窗口")));
        waitUntil(() -> demo.terminal().status().locked());
        // The citizen already here goes on.
        robot.clickOn("#category-social-insurance");
        shows(robot, "#category");
        robot.clickOn("#exit");
        shows(robot, "#outOfService");
        assertThat(text(robot, "#outOfService"), containsString("请到 3 号窗口"));
        robot.clickOn("#outOfService");
        assertThat(demo.terminal().sessions().current().isPresent(), is(false));

        demo.platform().queueCommand(terminal, HeartbeatAnswer.Command.of(HeartbeatAnswer.CommandType.UNLOCK));
        shows(robot, "#attract");
        robot.clickOn("#start");
        shows(robot, "#home");
    }
}
