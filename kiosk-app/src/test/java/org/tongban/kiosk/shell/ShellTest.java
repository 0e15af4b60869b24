package org.tongban.kiosk.shell;

import static org.tongban.kiosk.shell.ShellScreens.shows;
import static org.tongban.kiosk.shell.ShellScreens.showsText;
import static org.tongban.kiosk.shell.ShellScreens.waitUntil;
import static org.tongban.kiosk.shell.ShellScreens.text;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.tongban.devices.idcard.IdCard;
import org.tongban.kiosk.app.Demo;
import org.tongban.kiosk.outbox.OutboxStatus;
import org.tongban.kiosk.platform.Transaction;
import org.tongban.kiosk.platform.TransactionKind;
import org.tongban.kiosk.session.Session;

/**
 * The shell on a real (headless, Monocle) JavaFX stage, over a whole demo terminal: simulated
 * devices, the platform simulator on loopback, a real SQLite outbox. The robot touches what a
 * citizen would touch.
 */
@ExtendWith(ApplicationExtension.class)
class ShellTest {

    private static final String ITEM = "SI-CERT-CONTRIB";

    @RegisterExtension
    final DemoStage shell = DemoStage.online(Duration.ofSeconds(2), Duration.ofSeconds(3));
    private Demo demo;

    @Start
    void start(Stage stage) throws Exception {
        demo = shell.open(stage);
    }

    @Test
    void aCitizenPrintsTheirCertificateAndReviewsTheService(FxRobot robot) throws Exception {
        robot.clickOn("#start");
        robot.clickOn("#category-social-insurance");
        robot.clickOn("#item-" + ITEM);
        shows(robot, "#guidance");
        assertThat(text(robot, "#guidance"), containsString("12333"));
        robot.clickOn("#proceed");
        shows(robot, "#flow-wait_for_card");

        IdCard card = Demo.sampleCard();
        demo.idCardReader().present(card);
        shows(robot, "#result");
        assertThat(text(robot, "#result"), containsString("参保"));
        Session session = demo.terminal().sessions().current().orElseThrow();
        Path sessionFiles = session.workDir();

        robot.clickOn("#proceed");
        shows(robot, "#flow-printed");
        try (Stream<Path> printed = Files.list(demo.printerOutput().orElseThrow())) {
            List<Path> pdfs = printed.filter(p -> p.toString().endsWith(".pdf")).toList();
            assertThat(pdfs, hasSize(1));
            assertThat(Files.size(pdfs.get(0)), greaterThan(1000L));
        }

        robot.clickOn("#proceed");
        shows(robot, "#flow-review");
        robot.clickOn("#review-5");
        shows(robot, "#flow-done");
        robot.clickOn("#finish");
        shows(robot, "#attract");

        // The visit is wiped: card photo zeroed, identity gone, session folder deleted.
        assertThat(session.isWiped(), is(true));
        assertThat(session.identity().isPresent(), is(false));
        assertThat(Files.exists(sessionFiles), is(false));
        for (byte b : card.photoWlt()) {
            assertThat(b, equalTo((byte) 0));
        }

        // Both transactions went through the outbox to the platform, once each.
        waitUntil(() -> demo.platform().transactions().size() == 2);
        List<Transaction> stored = demo.platform().transactions();
        Transaction print = stored.stream().filter(t -> t.kind() == TransactionKind.PRINT_RECORD).findFirst().orElseThrow();
        Transaction review = stored.stream().filter(t -> t.kind() == TransactionKind.EVALUATION).findFirst().orElseThrow();
        assertThat(print.itemCode(), equalTo(ITEM));
        assertThat(print.applicant().idNumber(), equalTo("11010519491231002X"));
        assertThat(review.evaluation().targetTransactionId(), equalTo(print.id()));
        assertThat(review.evaluation().level(), equalTo(5));
        waitUntil(() -> demo.terminal().outbox().status().delivered() == 2);
        assertThat(demo.terminal().outbox().status().pending(), equalTo(0L));

        // The whole visit was logged (at DEBUG) without the citizen's ID number, name or photo.
        String log = Files.readString(Path.of(System.getProperty("tongban.logDir"), "kiosk.log"));
        assertThat(log, containsString(session.id()));
        assertThat(log, not(containsString("11010519491231002X")));
        assertThat(log, not(containsString("张三")));
        assertThat(log, not(containsString("景山前街")));
    }

    @Test
    void withThePlatformDownTheItemSaysSoAndOffersWhatWorksOfflineThenDeliversLater(FxRobot robot)
            throws Exception {
        demo.platform().stop();
        waitUntil(() -> !demo.terminal().sync().reachability().online());
        showsText(robot, "#statusPlatform", "无法连接");

        robot.clickOn("#start");
        robot.clickOn("#category-social-insurance");
        robot.clickOn("#item-" + ITEM);
        shows(robot, "#flow-needs_platform");
        ShellScreens.scrollTo(robot, "#alt-CA-GUIDE-MARRIAGE");
        robot.clickOn("#alt-CA-GUIDE-MARRIAGE");
        shows(robot, "#flow-guidance");
        robot.clickOn("#proceed");
        shows(robot, "#flow-review");
        robot.clickOn("#review-4");
        shows(robot, "#flow-done");
        OutboxStatus queued = demo.terminal().outbox().status();
        assertThat(queued.pending(), equalTo(1L));
        assertThat(demo.platform().transactions(), empty());

        demo.platform().start();
        demo.terminal().sync().syncNow();
        waitUntil(() -> demo.terminal().outbox().status().delivered() == 1);
        assertThat(demo.platform().transactions().get(0).evaluation().level(), equalTo(4));
        showsText(robot, "#statusPlatform", "平台已连接");
    }

    @Test
    void walkingAwayShowsACountdownThenEndsAndWipesTheSession(FxRobot robot) throws Exception {
        IdCard card = Demo.sampleCard();
        card.photoWlt()[0] = 42;
        demo.idCardReader().present(card);
        shows(robot, "#home");
        Session session = demo.terminal().sessions().current().orElseThrow();
        assertThat(session.trigger(), equalTo(Session.Trigger.ID_CARD));

        shows(robot, "#idleWarning");
        assertThat(text(robot, "#idleWarning"), containsString("秒后将自动退出"));
        shows(robot, "#attract");
        assertThat(session.isWiped(), is(true));
        assertThat(card.photoWlt()[0], equalTo((byte) 0));
        assertThat(demo.terminal().sessions().current().isPresent(), is(false));
    }

    @Test
    void touchingDuringTheCountdownKeepsTheSession(FxRobot robot) throws Exception {
        robot.clickOn("#start");
        shows(robot, "#idleWarning");
        robot.clickOn("#stillHere");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#idleWarning").tryQuery().isPresent(), is(false));
        assertThat(demo.terminal().sessions().current().isPresent(), is(true));
    }

    @Test
    void languageAndElderlyModeSwitchFromTheHomeScreenAndResetForTheNextCitizen(FxRobot robot) throws Exception {
        robot.clickOn("#start");
        double normal = fontSize(robot, "#category-social-insurance");
        robot.clickOn("#language");
        shows(robot, "#home");
        assertThat(text(robot, "#category-social-insurance"), equalTo("Social insurance"));

        robot.clickOn("#elderly");
        WaitForAsyncUtils.waitForFxEvents();
        double elderly = fontSize(robot, "#category-social-insurance");
        assertThat(elderly / normal >= 1.5, is(true));
        assertThat(demo.terminal().sessions().warnAfter(), equalTo(Duration.ofSeconds(4)));
        // fewer choices per screen: four themes, then "More"
        assertThat(robot.lookup(".tile").queryAll(), hasSize(4));
        assertThat(robot.lookup("#department-gongan").tryQuery().isPresent(), is(false));
        robot.clickOn("#nextPage");
        shows(robot, "#category-health");
        assertThat(robot.lookup("#category-social-insurance").tryQuery().isPresent(), is(false));

        robot.clickOn("#exit");
        shows(robot, "#attract");
        assertThat(text(robot, "#start"), equalTo("轻触屏幕开始办理"));
        assertThat(demo.terminal().sessions().warnAfter(), equalTo(Duration.ofSeconds(2)));
    }

    @Test
    void aCitizenFillsAFormSeesWhatIsWrongCorrectsItAndSubmits(FxRobot robot) throws Exception {
        demo.idCardReader().present(Demo.sampleCard());
        shows(robot, "#home");
        robot.clickOn("#category-employment");
        robot.clickOn("#item-EMP-REG-UNEMP");
        robot.clickOn("#proceed");
        shows(robot, "#field-phone");
        robot.clickOn("#field-phone");
        touchKeys(robot, "1381234");
        robot.clickOn("#proceed");
        showsText(robot, "#error-phone", "手机号");
        shows(robot, "#error-reason");

        robot.clickOn("#key-clear"); // the keys went to the wrong field, the phone
        touchKeys(robot, "13812345678");
        robot.interact(() -> robot.lookup("#field-reason").<javafx.scene.control.ChoiceBox<String>>query()
                .setValue("本人辞职"));
        robot.clickOn("#proceed");
        showsText(robot, "#confirmation", "13812345678");
        assertThat(text(robot, "#confirmation"), containsString("张*"));
        assertThat(text(robot, "#confirmation"), not(containsString("11010519491231002X")));
        robot.clickOn("#proceed");
        showsText(robot, "#flow-submitted", "受理编号");
        robot.clickOn("#proceed");
        robot.clickOn("#review-2");
        shows(robot, "#flow-review_reasons");
        robot.clickOn("#reason-2");
        robot.clickOn("#submitReview");
        shows(robot, "#flow-done");
        waitUntil(() -> demo.platform().transactions().size() == 2);
    }

    @Test
    void aCitizenWhoKnowsTheOfficeFindsTheItemByDepartment(FxRobot robot) throws Exception {
        robot.clickOn("#start");
        robot.clickOn("#department-renshe");
        shows(robot, "#item-" + ITEM);
        assertThat(text(robot, "#category"), containsString("人力资源和社会保障局"));
        robot.clickOn("#back");
        shows(robot, "#home");
    }

    @Test
    void aCitizenFindsAnItemByPinyinInitialsOnTheLargeKeyboard(FxRobot robot) throws Exception {
        robot.clickOn("#start");
        robot.clickOn("#search");
        shows(robot, "#key-S");
        for (String k : new String[] {"S", "B", "J", "F"}) {
            robot.clickOn("#key-" + k);
        }
        showsText(robot, "#query", "SBJF");
        javafx.scene.layout.Pane results = robot.lookup("#results").query();
        assertThat(results.getChildren().get(0).getId(), equalTo("item-" + ITEM));
        robot.clickOn("#key-delete");
        showsText(robot, "#query", "SBJ");
        robot.clickOn("#key-F");
        shows(robot, "#item-" + ITEM);
        robot.clickOn("#item-" + ITEM);
        shows(robot, "#guidance");
        robot.clickOn("#back"); // guidance only: nothing started, so no review is asked
        shows(robot, "#search");
        assertThat(text(robot, "#query"), equalTo("SBJF"));

        // Found, read, done: the same item to its end, with a review.
        robot.clickOn("#item-" + ITEM);
        shows(robot, "#guidance");
        robot.clickOn("#proceed");
        demo.idCardReader().present(Demo.sampleCard());
        shows(robot, "#result");
        robot.clickOn("#proceed");
        shows(robot, "#flow-printed");
        robot.clickOn("#proceed");
        robot.clickOn("#review-5");
        shows(robot, "#flow-done");
        waitUntil(() -> demo.platform().transactions().size() == 2);
    }

    @Test
    void callStaffShowsThatHelpIsComing(FxRobot robot) throws Exception {
        robot.clickOn("#start");
        robot.clickOn("#callStaff");
        shows(robot, "#staffCalled");
        robot.clickOn("#staffArrived");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#staffCalled").tryQuery().isPresent(), is(false));
    }

    @Test
    void aPrinterOutOfPaperIsToldInPlainWordsAndTheItemCanBeRetried(FxRobot robot) throws Exception {
        demo.idCardReader().present(Demo.sampleCard());
        shows(robot, "#home");
        robot.clickOn("#category-social-insurance");
        robot.clickOn("#item-" + ITEM);
        robot.clickOn("#proceed");
        shows(robot, "#flow-result");
        // The paper runs out while this citizen is already in the item (before, the item would be greyed).
        demo.printer().paperOut();
        showsText(robot, "#notice-a4-printer", "缺纸");
        robot.clickOn("#proceed");
        shows(robot, "#flow-failed");
        demo.printer().refill(100);
        waitUntil(() -> robot.lookup("#notice-a4-printer").tryQuery().isEmpty());
        robot.clickOn("#retry");
        shows(robot, "#flow-printed");
        assertThat(robot.lookup("#notice-a4-printer").tryQuery().isPresent(), is(false));
    }

    // ---- helpers --------------------------------------------------------------------------------

    /** Touches the on-screen key of each character: a kiosk has no other keyboard. */
    private static void touchKeys(FxRobot robot, String characters) {
        for (char c : characters.toCharArray()) {
            robot.clickOn("#key-" + c);
        }
    }

    private static double fontSize(FxRobot robot, String query) {
        return robot.lookup(query).<Labeled>query().getFont().getSize();
    }
}
