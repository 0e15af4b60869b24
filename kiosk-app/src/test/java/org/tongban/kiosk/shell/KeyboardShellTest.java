package org.tongban.kiosk.shell;

import static org.tongban.kiosk.shell.ShellScreens.shows;
import static org.tongban.kiosk.shell.ShellScreens.showsText;
import static org.tongban.kiosk.shell.ShellScreens.waitUntil;
import static org.tongban.kiosk.shell.ShellScreens.text;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;

import java.time.Duration;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.tongban.kiosk.app.Demo;
import org.tongban.kiosk.platform.Transaction;
import org.tongban.kiosk.platform.TransactionKind;

/**
 * The on-screen keyboards on a real (headless) stage over a whole demo terminal: a citizen with no
 * physical keyboard types a phone number and a name into a form, and a pinyin comment into the
 * review, only by touching keys and candidates; what reaches the platform is exactly what they typed.
 */
@ExtendWith(ApplicationExtension.class)
class KeyboardShellTest {

    @RegisterExtension
    final DemoStage shell = DemoStage.online(Duration.ofSeconds(60), Duration.ofSeconds(30));
    private Demo demo;

    @Start
    void start(Stage stage) throws Exception {
        demo = shell.open(stage);
    }

    @Test
    void aCitizenTypesAPhoneNumberAndANameByTouchAndExactlyThatIsSubmitted(FxRobot robot) throws Exception {
        demo.idCardReader().present(Demo.sampleCard());
        shows(robot, "#home");
        robot.clickOn("#category-family");
        robot.clickOn("#item-CA-APPLY-ELDERLY");
        robot.clickOn("#proceed");
        shows(robot, "#field-phone");

        // The first field has the keys: digits for a phone number.
        shows(robot, "#keys-numeric");
        keysAreLargeAndApartWithAccessibleText(robot);
        touch(robot, "1381234567");
        // A redraw of the screen (here: a printer notice) keeps what was typed.
        demo.printer().paperOut();
        showsText(robot, "#statusBar", "缺纸");
        assertThat(text(robot, "#field-phone"), equalTo("1381234567"));
        touch(robot, "8");

        // Touching the name field brings the pinyin keyboard and its candidate bar.
        robot.clickOn("#field-agentName");
        shows(robot, "#keys-pinyin");
        keysAreLargeAndApartWithAccessibleText(robot);
        touch(robot, "wang");
        showsText(robot, "#composition", "wang");
        choose(robot, "王");
        touch(robot, "fang");
        choose(robot, "芳");
        assertThat(text(robot, "#field-agentName"), equalTo("王芳"));
        assertThat(text(robot, "#field-phone"), equalTo("13812345678"));
        robot.interact(() -> robot.lookup("#field-payTo").<ChoiceBox<String>>query().setValue("社会保障卡"));

        robot.clickOn("#proceed");
        showsText(robot, "#confirmation", "13812345678");
        assertThat(text(robot, "#confirmation"), containsString("王芳"));
        robot.clickOn("#proceed");
        showsText(robot, "#flow-submitted", "受理编号");
        waitUntil(() -> demo.platform().transactions().stream().anyMatch(t -> t.kind() == TransactionKind.SUBMISSION));
        Transaction submitted = demo.platform().transactions().stream()
                .filter(t -> t.kind() == TransactionKind.SUBMISSION).findFirst().orElseThrow();
        assertThat(submitted.itemCode(), equalTo("CA-APPLY-ELDERLY"));
        assertThat(submitted.form().get("phone"), equalTo("13812345678"));
        assertThat(submitted.form().get("agentName"), equalTo("王芳"));
        demo.printer().refill(100);
    }

    @Test
    void aDissatisfiedCitizenTypesAPinyinCommentByTouchAndItIsRecordedExactly(FxRobot robot) throws Exception {
        robot.clickOn("#start");
        robot.clickOn("#category-family");
        robot.clickOn("#item-CA-GUIDE-MARRIAGE");
        robot.clickOn("#proceed");
        robot.clickOn("#review-1");
        shows(robot, "#flow-review_reasons");
        robot.clickOn("#reason-4");

        robot.clickOn("#comment");
        shows(robot, "#keys-pinyin");
        touch(robot, "hen");
        choose(robot, "很");
        touch(robot, "hao");
        choose(robot, "好");
        // A slip: one letter too many, taken back with delete.
        touch(robot, "xiex");
        robot.clickOn("#key-delete");
        showsText(robot, "#composition", "xie");
        robot.clickOn("#key-comma"); // xie becomes its first candidate; the comma follows
        String xie = text(robot, "#comment").substring("很好".length(), "很好".length() + 1);
        // ...and the whole word from the bar.
        touch(robot, "xiexie");
        choose(robot, "谢谢");
        assertThat(text(robot, "#comment"), equalTo("很好" + xie + "，谢谢"));
        robot.clickOn("#key-delete");
        robot.clickOn("#key-delete");
        robot.clickOn("#key-delete");
        robot.clickOn("#key-delete");
        assertThat(text(robot, "#comment"), equalTo("很好"));

        org.tongban.kiosk.flow.ServiceFlow flow = demo.terminal().navigator().flow().orElseThrow();
        robot.clickOn("#submitReview");
        shows(robot, "#flow-done");
        robot.clickOn("#finish");
        shows(robot, "#attract");
        // The visit is over: what was typed is gone, the next citizen starts from an empty comment.
        assertThat(demo.terminal().navigator().keyboards().comment(List.of(flow, "comment"), "comment").values(),
                equalTo(java.util.Map.of("comment", "")));
        waitUntil(() -> demo.platform().transactions().stream().anyMatch(t -> t.kind() == TransactionKind.EVALUATION));
        Transaction review = demo.platform().transactions().stream()
                .filter(t -> t.kind() == TransactionKind.EVALUATION).findFirst().orElseThrow();
        assertThat(review.evaluation().level(), equalTo(1));
        assertThat(review.evaluation().comment(), equalTo("很好"));
    }

    @Test
    void theCandidateBarShowsOnlyWhilePinyinIsTypedAndTheKeysStayPut(FxRobot robot) throws Exception {
        robot.clickOn("#start");
        robot.clickOn("#category-family");
        robot.clickOn("#item-CA-GUIDE-MARRIAGE");
        robot.clickOn("#proceed");
        robot.clickOn("#review-1");
        shows(robot, "#flow-review_reasons");
        robot.clickOn("#comment");
        shows(robot, "#keys-pinyin");
        assertThat("no empty candidate bar before a letter is typed", seen(robot, "#candidates"), is(false));
        Bounds before = onScreen(robot, "#key-h");

        touch(robot, "hen");
        waitUntil(() -> seen(robot, "#candidates"));
        assertThat(text(robot, "#candidates"), containsString("很"));
        assertThat("the keys do not move under the finger", onScreen(robot, "#key-h"), equalTo(before));
        // the field the keys go to is marked (keyboards.css draws its double ring)
        assertThat(robot.lookup("#comment").queryButton().getStyleClass().contains("focused-field"), is(true));

        choose(robot, "很");
        waitUntil(() -> !seen(robot, "#candidates"));
        assertThat(text(robot, "#comment"), equalTo("很"));
        assertThat(onScreen(robot, "#key-h"), equalTo(before));
    }

    /** Drawn: the node and every parent visible, in a scene. */
    private static boolean seen(FxRobot robot, String query) {
        Node n = robot.lookup(query).query();
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return n.getScene() != null;
    }

    private static Bounds onScreen(FxRobot robot, String query) throws Exception {
        Node n = robot.lookup(query).query();
        return WaitForAsyncUtils.asyncFx(() -> n.localToScene(n.getBoundsInLocal())).get();
    }

    @Test
    void theSearchUsesTheSameLettersKeyboard(FxRobot robot) throws Exception {
        robot.clickOn("#start");
        robot.clickOn("#search");
        shows(robot, "#keys-letters");
        keysAreLargeAndApartWithAccessibleText(robot);
        assertThat(robot.lookup(".keyboard").queryAll().size(), equalTo(1));
    }

    // ---- helpers --------------------------------------------------------------------------------

    /** Touches the key of each character, as a finger would. */
    private static void touch(FxRobot robot, String characters) {
        for (char c : characters.toCharArray()) {
            robot.clickOn("#key-" + c);
        }
    }

    /** Touches the candidate with this text, paging on through the bar until it shows. */
    private static void choose(FxRobot robot, String text) throws Exception {
        for (int page = 0; page < 10; page++) {
            WaitForAsyncUtils.waitForFxEvents();
            HBox bar = robot.lookup("#candidates").query();
            for (Node n : bar.getChildrenUnmodifiable()) {
                if (n.getStyleClass().contains("candidate") && ((Button) n).getText().equals(text)) {
                    robot.clickOn(n);
                    WaitForAsyncUtils.waitForFxEvents();
                    return;
                }
            }
            robot.clickOn("#candidates-next");
        }
        throw new AssertionError(text + " is not among the candidates");
    }

    /**
     * Every key is at least 88 px (18 mm on the 21.5" panel) each way with at least 8 px (2 mm) to
     * the next key in its row, and has accessible text: measured on the drawn keys.
     */
    private static void keysAreLargeAndApartWithAccessibleText(FxRobot robot) {
        List<Node> rows = robot.lookup(".keyboard").<Parent>query().getChildrenUnmodifiable();
        for (Node row : rows) {
            Bounds previous = null;
            for (Node key : ((Parent) row).getChildrenUnmodifiable()) {
                // in its row: a screen still sliding in (a fraction of a pixel off in the scene) changes nothing
                Bounds b = key.getBoundsInParent();
                assertThat(key.getId() + " width", b.getWidth(), greaterThanOrEqualTo(88.0));
                assertThat(key.getId() + " height", b.getHeight(), greaterThanOrEqualTo(88.0));
                assertThat(key.getId() + " accessible text", key.getAccessibleText(), not(emptyOrNullString()));
                if (previous != null) {
                    assertThat(key.getId() + " gap", b.getMinX() - previous.getMaxX(), greaterThanOrEqualTo(8.0));
                }
                previous = b;
            }
        }
        assertThat(rows.size() >= 3, is(true));
    }
}
