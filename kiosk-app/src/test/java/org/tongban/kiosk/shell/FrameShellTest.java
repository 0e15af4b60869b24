package org.tongban.kiosk.shell;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.tongban.kiosk.shell.ShellScreens.shows;
import static org.tongban.kiosk.shell.ShellScreens.showsText;
import static org.tongban.kiosk.shell.ShellScreens.text;
import static org.tongban.kiosk.shell.ShellScreens.waitUntil;

import java.time.Duration;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kordamp.ikonli.javafx.FontIcon;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.tongban.kiosk.app.Demo;
import org.tongban.kiosk.session.Session;

/** The frame around every screen: header (hall, title, date, clock, tools), footer (time left, home, back), countdown. */
@ExtendWith(ApplicationExtension.class)
class FrameShellTest {

    private static final String ITEM = "SI-CERT-CONTRIB";

    @RegisterExtension
    final DemoStage shell = DemoStage.online(Duration.ofSeconds(3), Duration.ofSeconds(3));
    private Demo demo;

    @Start
    void start(Stage stage) throws Exception {
        demo = shell.open(stage);
    }

    @Test
    void theHeaderNamesTheHallAndTheScreenAndTheFooterCountsDownWithHomeAndBack(FxRobot robot) throws Exception {
        robot.clickOn("#start");
        shows(robot, "#home");
        assertThat(text(robot, "#hallName"), equalTo("官渡区政务服务中心"));
        assertThat(text(robot, "#screenTitle"), equalTo("请选择要办理的事项"));
        assertThat(text(robot, "#clock"), matchesPattern("\\d\\d:\\d\\d"));
        assertThat(text(robot, "#date"), containsString("星期"));
        // Tools: an icon and a word each (never an icon alone).
        Button staff = robot.lookup("#callStaff").queryAs(Button.class);
        assertThat(staff.getGraphic(), instanceOf(FontIcon.class));
        assertThat(staff.getText(), equalTo("呼叫工作人员"));
        assertThat(text(robot, "#timeLeft"), matchesPattern("剩余操作时间 \\d+ 秒"));
        assertThat(text(robot, "#terminalNumber"), containsString("YN-KM-GD-0001"));
        assertThat("no back on home", robot.lookup("#back").tryQuery().isPresent(), is(false));

        robot.clickOn("#category-social-insurance");
        shows(robot, "#category");
        assertThat(text(robot, "#screenTitle"), equalTo(text(robot, "#category .title")));
        robot.clickOn("#back");
        shows(robot, "#home");
        robot.clickOn("#category-social-insurance");
        robot.clickOn("#item-" + ITEM);
        shows(robot, "#guidance");
        assertThat(text(robot, "#screenTitle"), equalTo("正在办理"));
        robot.clickOn("#home");
        shows(robot, "#home");
    }

    @Test
    void inElderlyModeTheHeaderKeepsCallStaffAndExitAndTheOtherToolsWaitOnAPanel(FxRobot robot) throws Exception {
        robot.clickOn("#start");
        shows(robot, "#home");
        robot.clickOn("#elderly");
        shows(robot, "#tools");
        assertThat(text(robot, "#tools"), equalTo("更多功能"));
        assertThat(robot.lookup("#callStaff").tryQuery().isPresent(), is(true));
        assertThat(robot.lookup("#exit").tryQuery().isPresent(), is(true));
        assertThat("the colours wait on the panel", robot.lookup("#highContrast").tryQuery().isPresent(), is(false));

        robot.clickOn("#tools");
        shows(robot, "#toolsPanel");
        robot.clickOn("#highContrast");
        waitUntil(() -> demo.terminal().navigator().highContrast());
        assertThat("the panel stays while the citizen tries the tools", robot.lookup("#toolsPanel").tryQuery().isPresent(),
                is(true));
        robot.clickOn("#language");
        showsText(robot, "#closeTools", "Close");
        robot.clickOn("#closeTools");
        waitUntil(() -> robot.lookup("#toolsPanel").tryQuery().isEmpty());
        robot.clickOn("#exit");
        shows(robot, "#attract");
        assertThat(demo.terminal().navigator().elderly(), is(false));
    }

    @Test
    void theNextScreenIsThereAtOnceAndSlidesInBrieflyButStandsStillInElderlyMode(FxRobot robot) throws Exception {
        robot.clickOn("#start");
        shows(robot, "#home");
        assertThat(ScreenChange.LENGTH.toMillis() <= 150, is(true));
        // Touch a theme: in the same turn of the JavaFX thread the category is in the scene, just starting to slide.
        double[] atOnce = org.testfx.util.WaitForAsyncUtils.asyncFx(() -> {
            robot.lookup("#category-social-insurance").queryButton().fire();
            javafx.scene.Node page = robot.lookup("#category").query();
            return new double[] {page.getTranslateX(), page.getOpacity()};
        }).get();
        assertThat("sliding in", atOnce[0] > 0, is(true));
        assertThat("already visible", atOnce[1] >= 0.5, is(true));
        waitUntil(() -> robot.lookup("#category").query().getTranslateX() == 0
                && robot.lookup("#category").query().getOpacity() == 1);

        robot.interact(() -> demo.terminal().navigator().setElderly(true));
        double[] still = org.testfx.util.WaitForAsyncUtils.asyncFx(() -> {
            robot.lookup("#back").queryButton().fire();
            javafx.scene.Node page = robot.lookup("#home").query();
            return new double[] {page.getTranslateX(), page.getOpacity()};
        }).get();
        assertThat("elderly mode: nothing moves", still[0], equalTo(0.0));
        assertThat(still[1], equalTo(1.0));
    }

    @Test
    void twentySecondsBeforeTheEndAWarningOffersOneLargeContinueButton(FxRobot robot) throws Exception {
        robot.clickOn("#start");
        shows(robot, "#home");
        shows(robot, "#idleWarning");
        assertThat(text(robot, "#idleWarning"), containsString("秒后将自动退出"));
        assertThat(robot.lookup("#idleWarning .button").queryAll().size(), equalTo(1));
        assertThat(text(robot, "#stillHere"), equalTo("继续办理"));
        // The footer's time left turns to its warning look (bold, the warning colour) as well as counting.
        waitUntil(() -> robot.lookup("#timeLeft").queryAs(Label.class).getPseudoClassStates().stream()
                .anyMatch(p -> p.getPseudoClassName().equals("short")));
        robot.clickOn("#stillHere");
        waitUntil(() -> robot.lookup("#idleWarning").tryQuery().isEmpty());
        assertThat(demo.terminal().sessions().current().isPresent(), is(true));
    }

    @Test
    void theCountdownStandsStillWhileTheMachinePrints(FxRobot robot) throws Exception {
        demo.printer().takes(Duration.ofSeconds(9)); // longer than the whole countdown (3 s + 3 s)
        demo.idCardReader().present(Demo.sampleCard());
        shows(robot, "#home");
        robot.clickOn("#category-social-insurance");
        robot.clickOn("#item-" + ITEM);
        robot.clickOn("#proceed");
        shows(robot, "#flow-result");
        Session session = demo.terminal().sessions().current().orElseThrow();
        robot.clickOn("#proceed");
        showsText(robot, "#timeLeft", "正在处理");
        Thread.sleep(7_000);
        assertThat("no warning while printing", robot.lookup("#idleWarning").tryQuery().isPresent(), is(false));
        assertThat(demo.terminal().sessions().current().orElseThrow(), is(session));
        shows(robot, "#flow-printed");
        showsText(robot, "#timeLeft", "剩余操作时间");
    }

    @Test
    void everyPageOfAnItemShowsItsStepsByNameAndWhereTheCitizenIs(FxRobot robot) throws Exception {
        demo.idCardReader().present(Demo.sampleCard());
        shows(robot, "#home");
        robot.clickOn("#category-social-insurance");
        robot.clickOn("#item-" + ITEM);
        shows(robot, "#guidance");
        assertThat(text(robot, "#stepWords"), equalTo("共 4 步"));
        assertThat(text(robot, "#step-1"), equalTo("核验身份"));
        robot.clickOn("#proceed");
        shows(robot, "#flow-result");
        assertThat(text(robot, "#stepWords"), equalTo("第 2 步 / 共 4 步"));
        assertThat(text(robot, "#step-2"), equalTo("查询"));
        // Colour and mark agree: the step done has its tick and its class, the one at hand is filled.
        Label first = robot.lookup("#step-1").queryAs(Label.class);
        Label second = robot.lookup("#step-2").queryAs(Label.class);
        Label third = robot.lookup("#step-3").queryAs(Label.class);
        assertThat(first.getStyleClass().contains("step-done"), is(true));
        assertThat(((FontIcon) first.getGraphic()).getIconCode().getDescription(), equalTo("mdi2c-check-circle"));
        assertThat(second.getStyleClass().contains("step-current"), is(true));
        assertThat(third.getStyleClass().contains("step-to-come"), is(true));
        assertThat(third.getText(), equalTo("打印"));
        robot.clickOn("#proceed");
        shows(robot, "#flow-printed");
        assertThat(text(robot, "#stepWords"), equalTo("第 3 步 / 共 4 步"));
    }

    @Test
    void theReviewOffersFiveFacesWithStarsAndWordsAsksWhyForALowOneAndCanBeSkipped(FxRobot robot) throws Exception {
        demo.idCardReader().present(Demo.sampleCard());
        shows(robot, "#home");
        robot.clickOn("#category-social-insurance");
        robot.clickOn("#item-" + ITEM);
        robot.clickOn("#proceed");
        shows(robot, "#flow-result");
        robot.clickOn("#proceed");
        shows(robot, "#flow-printed");
        robot.clickOn("#proceed");
        shows(robot, "#flow-review");
        String[] words = {"非常不满意", "不满意", "基本满意", "满意", "非常满意"};
        for (int level = 1; level <= 5; level++) {
            Button b = robot.lookup("#review-" + level).queryAs(Button.class);
            assertThat(b.getText(), equalTo(words[level - 1]));
            javafx.scene.Parent picture = (javafx.scene.Parent) b.getGraphic();
            assertThat(((FontIcon) picture.getChildrenUnmodifiable().get(0)).getIconCode(),
                    equalTo(ReviewView.face(level)));
            long stars = robot.from(picture).lookup(".icon").queryAllAs(FontIcon.class).stream()
                    .filter(i -> i.getIconCode().getDescription().equals("mdi2s-star")).count();
            assertThat("stars of level " + level, stars, equalTo((long) level));
            assertThat(b.getStyleClass().contains("review-level-" + level), is(true));
        }
        robot.clickOn("#review-2");
        shows(robot, "#flow-review_reasons");
        robot.clickOn("#reason-2");
        assertThat(robot.lookup("#reason-2").queryAs(javafx.scene.control.ToggleButton.class).isSelected(), is(true));
        robot.clickOn("#skipReview");
        shows(robot, "#flow-done");
    }
}
