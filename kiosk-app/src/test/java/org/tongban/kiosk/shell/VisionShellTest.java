package org.tongban.kiosk.shell;

import static org.tongban.kiosk.shell.ShellScreens.shows;
import static org.tongban.kiosk.shell.ShellScreens.waitUntil;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.tongban.devices.vision.TestPhotos;
import org.tongban.kiosk.app.Demo;
import org.tongban.kiosk.flow.LicenseStep;

/** The camera, e-licence and capture screens on a headless stage over a demo terminal whose cameras play clips. */
@ExtendWith(ApplicationExtension.class)
class VisionShellTest {

    @RegisterExtension
    final DemoStage shell = DemoStage.online(null, null);
    private Demo demo;

    @Start
    void start(Stage stage) throws Exception {
        TestPhotos.require();
        demo = shell.open(stage);
    }

    @Test
    void theCameraStepShowsTheLivePreviewAndGuidanceThenMovesOn(FxRobot robot) throws Exception {
        demo.idCardReader().present(Demo.sampleCard());
        robot.interact(() -> demo.terminal().navigator().openItem("SI-PENSION-CERTIFY"));
        robot.clickOn("#proceed");
        shows(robot, "#cameraPreview");
        waitUntil(() -> robot.lookup("#cameraPreview").<ImageView>query().getImage() != null);
        String guidance = robot.lookup("#faceGuidance").<Label>query().getText();
        assertThat(guidance, not(is("")));
        assertThat(robot.lookup("#faceGuidance").<Label>query().getAccessibleText(), is(guidance));
        shows(robot, "#flow-form"); // blinked, verified by the platform: the flow went on
        assertThat(demo.platform().identityVerifications(), is(1));
    }

    @Test
    void theELicenceIsShownMaskedAndPagesAreCaptured(FxRobot robot) throws Exception {
        demo.idCardReader().present(Demo.sampleCard());
        robot.interact(() -> demo.terminal().navigator().openItem("TAX-INVOICE-FIRST"));
        robot.clickOn("#proceed");
        shows(robot, "#licenseStep");
        robot.clickOn("#demo-showLink");
        // A web link is refused with a message and opened nowhere.
        waitUntil(() -> robot.lookup("#licensePrompt").tryQuery().isPresent()
                && robot.lookup("#licensePrompt").<Label>query().getText().equals(text("flow.license.isLink")));
        robot.clickOn("#demo-showLicense");
        shows(robot, "#licenseShown");
        String number = demo.terminal().navigator().flow().orElseThrow().license().orElseThrow().number();
        String shown = allText(robot.lookup("#licenseShown").<Pane>query());
        assertThat(shown, not(containsString(number)));
        assertThat(shown, containsString(LicenseStep.masked(demo.terminal().navigator().flow().orElseThrow()
                .license().orElseThrow())));

        robot.interact(() -> demo.terminal().navigator().home());
        robot.interact(() -> demo.terminal().navigator().openItem("HF-WITHDRAW-RENT"));
        robot.clickOn("#proceed");
        shows(robot, "#flow-form");
        // Typed by touch on the on-screen keyboards (digits; the card number on the pinyin keyboard's digit row).
        robot.clickOn("#field-phone");
        for (char c : "13812345678".toCharArray()) {
            robot.clickOn("#key-" + c);
        }
        robot.clickOn("#field-bankAccount");
        shows(robot, "#keys-pinyin");
        for (char c : "6222020000000000".toCharArray()) {
            robot.clickOn("#key-" + c);
        }
        robot.clickOn("#proceed");
        shows(robot, "#takePage");
        robot.clickOn("#takePage");
        shows(robot, "#retake-1");
        robot.clickOn("#captureDone");
        shows(robot, "#flow-confirm");
    }

    private String text(String key) {
        return new org.tongban.kiosk.i18n.Messages(demo.terminal().navigator().locale()).get(key);
    }

    private static String allText(javafx.scene.Parent parent) {
        StringBuilder b = new StringBuilder();
        for (javafx.scene.Node n : parent.getChildrenUnmodifiable()) {
            if (n instanceof Label l) {
                b.append(l.getText()).append('\n');
            } else if (n instanceof javafx.scene.Parent p) {
                b.append(allText(p));
            }
        }
        return b.toString();
    }
}
