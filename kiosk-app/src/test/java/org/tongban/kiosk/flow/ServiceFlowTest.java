package org.tongban.kiosk.flow;

import static org.tongban.kiosk.testing.Eventually.until;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tongban.kiosk.outbox.PrintJobRecord;
import org.tongban.kiosk.outbox.PrintJobState;
import org.tongban.devices.idcard.IdCard;
import org.tongban.kiosk.app.Demo;
import org.tongban.kiosk.catalog.ServiceItem;
import org.tongban.kiosk.flow.ServiceFlow.Stage;

/** The flow rules, driven without a screen over a whole demo terminal (real outbox, real platform simulator). */
class ServiceFlowTest {

    private static final String ITEM = "SI-CERT-CONTRIB";

    private Demo demo;
    private Navigator nav;

    @BeforeEach
    void start() throws Exception {
        demo = new Demo(0);
        nav = demo.terminal().navigator();
        until(() -> demo.terminal().sync().reachability().online());
    }

    @AfterEach
    void stop() {
        demo.close();
    }

    private ServiceFlow open() {
        nav.touch();
        nav.openItem(ITEM);
        return nav.flow().orElseThrow();
    }

    private static void awaitStage(ServiceFlow flow, Stage stage) throws Exception {
        until(() -> flow.state().stage() == stage);
    }

    @Test
    void theCardPlacedBeforeChoosingTheItemIsUsedWithoutAskingAgain() throws Exception {
        nav.cardRead(Demo.sampleCard());
        nav.openItem(ITEM);
        ServiceFlow flow = nav.flow().orElseThrow();
        flow.proceed();
        awaitStage(flow, Stage.RESULT);
        assertThat(flow.state().result().itemCode(), equalTo(ITEM));
    }

    @Test
    void anExpiredCardIsRefusedWithAReasonAndAValidOneIsThenAccepted() throws Exception {
        IdCard d = Demo.sampleCard();
        IdCard expired = new IdCard(d.cardType(), d.name(), null, d.sex(), d.ethnicityCode(), d.birthDate(),
                d.address(), d.idNumber(), d.issuer(), LocalDate.of(2005, 1, 1), LocalDate.of(2025, 1, 1),
                null, null, new byte[4]);
        ServiceFlow flow = open();
        flow.proceed();
        assertThat(flow.state().stage(), is(Stage.WAIT_FOR_CARD));
        nav.cardRead(expired);
        assertThat(flow.state().message(), equalTo("flow.cardExpired"));
        nav.cardRead(Demo.sampleCard());
        awaitStage(flow, Stage.RESULT);
    }

    @Test
    void aPlatformThatGoesAwayDuringTheQueryOffersWhatWorksOffline() throws Exception {
        ServiceFlow flow = open();
        flow.proceed();
        demo.platform().stop();
        nav.cardRead(Demo.sampleCard());
        awaitStage(flow, Stage.NEEDS_PLATFORM);
        List<ServiceItem> alternatives = flow.state().offlineAlternatives();
        List<String> offered = alternatives.stream().map(ServiceItem::code).toList();
        assertThat(offered, not(hasItem(ITEM)));
        assertThat(alternatives.size() <= 6 && !alternatives.isEmpty(), is(true));
        assertThat(alternatives.stream().allMatch(ServiceItem::worksOffline), is(true));
        // The same theme first: the citizen came for social insurance.
        assertThat(alternatives.get(0).categories(), hasItem("social-insurance"));
        assertThat(demo.terminal().outbox().status().pending(), equalTo(0L));

        demo.platform().start();
        flow.retry();
        awaitStage(flow, Stage.RESULT);
    }

    @Test
    void aPrinterFaultFailsThePrintStepWithRetryAndRecordsNothing() throws Exception {
        ServiceFlow flow = open();
        demo.printer().jam(); // after opening: an item that prints is not offered while the printer is down
        flow.proceed();
        nav.cardRead(Demo.sampleCard());
        awaitStage(flow, Stage.RESULT);
        flow.proceed();
        awaitStage(flow, Stage.FAILED);
        assertThat(flow.state().canRetry(), is(true));
        assertThat(flow.state().message(), equalTo("flow.error.print"));
        assertThat(demo.terminal().outbox().status().pending() + demo.terminal().outbox().status().delivered(),
                equalTo(0L));

        demo.printer().clearJam();
        flow.retry();
        awaitStage(flow, Stage.PRINTED);
    }

    @Test
    void aFormIsCheckedFieldByFieldThenSubmittedThroughTheOutboxAndReviewed() throws Exception {
        nav.cardRead(Demo.sampleCard());
        nav.openItem("EMP-REG-UNEMP");
        ServiceFlow flow = nav.flow().orElseThrow();
        flow.proceed();
        assertThat(flow.state().stage(), is(Stage.FORM));

        flow.submitForm(java.util.Map.of("phone", "12345", "reason", "晒太阳"));
        assertThat(flow.state().stage(), is(Stage.FORM));
        assertThat(flow.state().fieldErrors(), equalTo(java.util.Map.of(
                "phone", "form.error.phone", "reason", "form.error.choice")));

        flow.submitForm(java.util.Map.of("phone", "13812345678", "reason", "本人辞职", "lastEmployer", " 某某公司 "));
        assertThat(flow.state().stage(), is(Stage.CONFIRM));
        assertThat(flow.formValues().get("lastEmployer"), equalTo("某某公司"));
        flow.proceed();
        assertThat(flow.state().stage(), is(Stage.SUBMITTED));
        String reference = flow.state().reference();
        assertThat(reference.length(), equalTo(8));
        flow.proceed();
        flow.review(4, List.of());
        assertThat(flow.state().stage(), is(Stage.DONE));

        until(() -> demo.platform().transactions().size() == 2);
        var submission = demo.platform().transactions().stream()
                .filter(t -> t.kind() == org.tongban.kiosk.platform.TransactionKind.SUBMISSION).findFirst().orElseThrow();
        assertThat(submission.form().get("phone"), equalTo("13812345678"));
        assertThat(submission.id().toString().toUpperCase().startsWith(reference), is(true));
        var review = demo.platform().transactions().stream()
                .filter(t -> t.kind() == org.tongban.kiosk.platform.TransactionKind.EVALUATION).findFirst().orElseThrow();
        assertThat(review.evaluation().targetTransactionId(), equalTo(submission.id()));
    }

    @Test
    void aSubmissionMadeOfflineIsKeptAndSaidToBeSentLater() throws Exception {
        demo.platform().stop();
        until(() -> !demo.terminal().sync().reachability().online());
        nav.cardRead(Demo.sampleCard());
        nav.openItem("EMP-REG-UNEMP");
        ServiceFlow flow = nav.flow().orElseThrow();
        flow.proceed();
        flow.submitForm(java.util.Map.of("phone", "13812345678", "reason", "其他"));
        flow.proceed();
        assertThat(flow.state().message(), equalTo("flow.submittedOffline"));
        assertThat(demo.terminal().outbox().status().pending(), equalTo(1L));
        demo.platform().start();
        demo.terminal().sync().syncNow();
        until(() -> demo.platform().transactions().size() == 1);
    }

    @Test
    void paperOutSaysWhatToDoKeepsTheFailedJobAndARetryPrintsANewOneOnce() throws Exception {
        ServiceFlow flow = open();
        demo.printer().paperOut(); // after opening: an item that prints is not offered while the printer is down
        flow.proceed();
        nav.cardRead(Demo.sampleCard());
        awaitStage(flow, Stage.RESULT);
        flow.proceed();
        awaitStage(flow, Stage.FAILED);
        assertThat(flow.state().message(), equalTo("flow.error.printNoPaper"));
        String session = demo.terminal().sessions().current().orElseThrow().id();
        List<PrintJobRecord> jobs = demo.terminal().outbox().printJobsOf(session);
        assertThat(jobs.size(), equalTo(1));
        assertThat(jobs.get(0).state(), equalTo(PrintJobState.FAILED));
        assertThat(jobs.get(0).detail(), containsString("NO_MEDIA"));

        demo.printer().refill(100);
        flow.retry();
        awaitStage(flow, Stage.PRINTED);

        jobs = demo.terminal().outbox().printJobsOf(session);
        assertThat(jobs.stream().map(PrintJobRecord::state).toList(),
                equalTo(List.of(PrintJobState.FAILED, PrintJobState.DONE)));
        assertThat(demo.printer().printed(), equalTo(1));
    }

    @Test
    void theReviewTakesOnlyTheFiveNationalLevels() throws Exception {
        nav.touch();
        nav.openItem("HR-GUIDE-MOVE");
        ServiceFlow flow = nav.flow().orElseThrow();
        flow.proceed();
        assertThat(flow.state().stage(), is(Stage.REVIEW));
        assertThrows(IllegalArgumentException.class, () -> flow.review(6, List.of()));
        assertThrows(IllegalArgumentException.class, () -> flow.review(0, List.of()));
        flow.review(1, List.of("等待时间长"));
        assertThat(flow.state().stage(), is(Stage.DONE));
        until(() -> demo.platform().transactions().size() == 1);
        assertThat(demo.platform().transactions().get(0).evaluation().reasons(), equalTo(List.of("等待时间长")));
    }

    @Test
    void theTwoLowestLevelsAskWhyBeforeTheReviewIsRecorded() throws Exception {
        nav.touch();
        nav.openItem("HR-GUIDE-MOVE");
        ServiceFlow flow = nav.flow().orElseThrow();
        flow.proceed();
        flow.chooseLevel(2);
        assertThat(flow.state().stage(), is(Stage.REVIEW_REASONS));
        assertThat(flow.state().level(), equalTo(2));
        flow.review(2, List.of(ServiceFlow.REVIEW_REASONS.get(0)), "  指南写得太长  ");
        assertThat(flow.state().stage(), is(Stage.DONE));
        until(() -> demo.platform().transactions().size() == 1);
        var evaluation = demo.platform().transactions().get(0).evaluation();
        assertThat(evaluation.level(), equalTo(2));
        assertThat(evaluation.reasons(), equalTo(List.of("办事流程繁琐")));
        assertThat(evaluation.comment(), equalTo("指南写得太长"));

        nav.openItem("HR-GUIDE-MOVE");
        ServiceFlow again = nav.flow().orElseThrow();
        again.proceed();
        again.chooseLevel(4);
        assertThat(again.state().stage(), is(Stage.DONE));
    }

    @Test
    void leavingAStartedServiceOffersTheReviewOncePerVisit() throws Exception {
        nav.cardRead(Demo.sampleCard());
        nav.openItem("EMP-REG-UNEMP");
        ServiceFlow first = nav.flow().orElseThrow();
        first.proceed();
        assertThat(first.state().stage(), is(Stage.FORM));
        nav.home();
        assertThat(nav.screen(), is(Navigator.Screen.ITEM));
        assertThat(first.state().stage(), is(Stage.REVIEW));
        assertThat(first.state().message(), equalTo("flow.review.abandoned"));
        first.chooseLevel(3);
        assertThat(nav.screen(), is(Navigator.Screen.HOME));
        until(() -> demo.platform().transactions().size() == 1);
        assertThat(demo.platform().transactions().get(0).evaluation().level(), equalTo(3));

        // A second abandoned service in the same visit is left without asking again.
        nav.openItem("EMP-REG-UNEMP");
        nav.flow().orElseThrow().proceed();
        nav.home();
        assertThat(nav.screen(), is(Navigator.Screen.HOME));

        // Skipping is fine too, in the next visit.
        nav.finish();
        nav.cardRead(Demo.sampleCard());
        nav.openItem("EMP-REG-UNEMP");
        ServiceFlow third = nav.flow().orElseThrow();
        third.proceed();
        nav.finish();
        assertThat(third.state().stage(), is(Stage.REVIEW));
        third.skipReview();
        assertThat(nav.screen(), is(Navigator.Screen.ATTRACT));
        assertThat(demo.terminal().sessions().current().isPresent(), is(false));
    }

    @Test
    void leavingTheItemCancelsItsFlowSoLateAnswersChangeNothing() throws Exception {
        demo.platform().delayAnswers(Duration.ofMillis(500));
        ServiceFlow flow = open();
        flow.proceed();
        nav.cardRead(Demo.sampleCard());
        assertThat(flow.state().stage(), is(Stage.WORKING));
        nav.back(); // the review offered on leaving: skipped
        assertThat(flow.state().stage(), is(Stage.REVIEW));
        flow.skipReview();
        assertThat(flow.cancelled(), is(true));
        Thread.sleep(800);
        assertThat(flow.state().stage(), is(Stage.DONE));
        assertThat(nav.screen(), is(Navigator.Screen.HOME));
    }
}
