package org.tongban.kiosk.shell;

import static org.tongban.kiosk.shell.ShellScreens.shows;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Bounds;
import javafx.scene.AccessibleRole;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.tongban.kiosk.app.Demo;
import org.tongban.kiosk.flow.Navigator;
import org.tongban.kiosk.i18n.Messages;
import org.tongban.kiosk.voice.Speech;
import org.tongban.kiosk.voice.Utterance;
import org.tongban.kiosk.voice.VoiceGuide;

/** The header's "read this page aloud" and volume buttons on a real (headless) stage over a demo terminal. */
@ExtendWith(ApplicationExtension.class)
class VoiceShellTest {

    /** The demo's desktop window, the narrowest the shell is shown in. */
    private static final double WIDTH = 1280;

    @RegisterExtension
    final DemoStage shell = DemoStage.starting(Duration.ofSeconds(60), Duration.ofSeconds(20));
    private Demo demo;
    private final HeardSpeech speech = new HeardSpeech();
    private VoiceGuide voice;

    @Start
    void start(Stage stage) throws Exception {
        demo = shell.start();
        Navigator nav = demo.terminal().navigator();
        voice = new VoiceGuide(nav, speech, 80);
        new ShellWindow(nav, demo.terminal().status(), shell.controls(), null, voice,
                org.tongban.kiosk.config.KioskConfig.Screen.DEFAULT_REACH_TOP_PERCENT)
                .showOn(stage, WIDTH, 1080);
    }

    @Test
    void theButtonsAreLargeNamedFromTheBundlesAndDriveTheVoice(FxRobot robot) throws Exception {
        robot.clickOn("#start");
        shows(robot, "#readAloud");
        for (Locale l : List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH)) {
            Messages m = new Messages(l);
            for (boolean elderly : List.of(false, true)) {
                robot.interact(() -> {
                    demo.terminal().navigator().setLocale(l);
                    demo.terminal().navigator().setElderly(elderly);
                });
                WaitForAsyncUtils.waitForFxEvents();
                if (elderly) { // elderly mode keeps the voice on its tools panel
                    robot.clickOn("#tools");
                    shows(robot, "#toolsPanel");
                }
                for (String id : List.of("voiceQuieter", "readAloud", "voiceLouder")) {
                    Button b = robot.lookup("#" + id).queryButton();
                    String key = switch (id) {
                        case "voiceQuieter" -> "voice.quieter";
                        case "voiceLouder" -> "voice.louder";
                        default -> "voice.readAloud";
                    };
                    assertThat(b.getText(), equalTo(m.get(key)));
                    assertThat(b.getAccessibleText(), equalTo(m.get(key + ".accessible")));
                    assertThat(b.getAccessibleRole(), equalTo(AccessibleRole.BUTTON));
                    assertThat(id + " height", b.getHeight(), greaterThanOrEqualTo(72.0));
                }
                // The header still fits: its last button is wholly on the screen.
                Node exit = robot.lookup("#exit").query();
                Bounds bounds = exit.localToScene(exit.getBoundsInLocal());
                assertThat(l + (elderly ? " elderly" : "") + ": exit button's right edge", bounds.getMaxX(),
                        lessThanOrEqualTo(WIDTH));
                if (elderly) {
                    robot.clickOn("#closeTools");
                }
            }
        }
        robot.interact(() -> demo.terminal().navigator().setElderly(false));

        robot.clickOn("#voiceLouder");
        assertThat(voice.volume(), equalTo(100));
        robot.clickOn("#voiceQuieter");
        robot.clickOn("#voiceQuieter");
        assertThat(voice.volume(), equalTo(60));
        assertThat(speech.last(), equalTo(new Messages(Locale.ENGLISH).get("voice.volume")));

        // Read aloud on the home page: its prompt, then the categories it shows.
        robot.clickOn("#readAloud");
        String read = speech.last();
        assertThat(read, containsString(new Messages(Locale.ENGLISH).get("voice.screen.home")));
        assertThat(read, containsString(demo.terminal().navigator().categories().get(0).name().in(Locale.ENGLISH)));
    }
}
