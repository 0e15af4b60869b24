package org.tongban.kiosk.flow;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.tongban.kiosk.testing.Eventually.until;
import static org.tongban.kiosk.flow.FlowFixture.awaitStage;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.devices.idcard.IdCard;
import org.tongban.kiosk.app.Demo;
import org.tongban.kiosk.catalog.ServiceItem;
import org.tongban.kiosk.outbox.OutboxException;
import org.tongban.kiosk.outbox.PlatformReachability;
import org.tongban.kiosk.outbox.PrintJobRecord;
import org.tongban.kiosk.outbox.PrintJobState;
import org.tongban.kiosk.platform.PlatformException;
import org.tongban.kiosk.platform.Transaction;
import org.tongban.kiosk.platform.TransactionKind;
import org.tongban.kiosk.session.Session;

/**
 * The flow rules, driven without a screen or a terminal: the shipped catalog, a real SQLite outbox, the
 * simulated printer, and the platform played by the test ({@link FlowFixture}).
 */
class ServiceFlowTest {

    private static final String ITEM = "SI-CERT-CONTRIB";

    private FlowFixture fx;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        fx = new FlowFixture(dir);
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private ServiceFlow open(String item) {
        ServiceFlow flow = fx.flow(item);
        flow.start();
        return flow;
    }

    private void identify(ServiceFlow flow, IdCard card) {
        fx.session().identify(card);
        flow.cardRead(card);
    }

    private List<Transaction> queued(TransactionKind kind) throws OutboxException {
        return fx.outbox.pendingTransactions().stream().filter(t -> t.kind() == kind).toList();
    }

    @Test
    void theCardPlacedBeforeChoosingTheItemIsUsedWithoutAskingAgain() throws Exception {
        fx.sessions.startOrContinue(Session.Trigger.ID_CARD).identify(Demo.sampleCard());
        ServiceFlow flow = open(ITEM);
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
        ServiceFlow flow = open(ITEM);
        flow.proceed();
        assertThat(flow.state().stage(), is(Stage.WAIT_FOR_CARD));
        identify(flow, expired);
        assertThat(flow.state().message(), equalTo("flow.cardExpired"));
        identify(flow, Demo.sampleCard());
        awaitStage(flow, Stage.RESULT);
    }

    @Test
    void anItemThatNeedsThePlatformTriesBeforeTheFirstContactHasEnded() throws Exception {
        fx.platform.reachability = PlatformReachability.State.UNKNOWN; // the kiosk has just started
        ServiceFlow flow = open(ITEM);
        assertThat(flow.state().stage(), is(Stage.GUIDANCE));
        flow.proceed();
        identify(flow, Demo.sampleCard());
        awaitStage(flow, Stage.RESULT);
        assertThat(fx.platform.queries.get(), equalTo(1));

        fx.platform.reachability = PlatformReachability.State.OFFLINE; // known to be away: said at once
        ServiceFlow known = open(ITEM);
        assertThat(known.state().stage(), is(Stage.NEEDS_PLATFORM));
        assertThat(fx.platform.queries.get(), equalTo(1));
    }

    @Test
    void aPlatformThatGoesAwayDuringTheQueryOffersWhatWorksOffline() throws Exception {
        ServiceFlow flow = open(ITEM);
        flow.proceed();
        fx.platform.failing = PlatformException.Kind.UNREACHABLE;
        identify(flow, Demo.sampleCard());
        awaitStage(flow, Stage.NEEDS_PLATFORM);
        List<ServiceItem> alternatives = flow.state().offlineAlternatives();
        List<String> offered = alternatives.stream().map(ServiceItem::code).toList();
        assertThat(offered, not(hasItem(ITEM)));
        assertThat(alternatives.size() <= 6 && !alternatives.isEmpty(), is(true));
        assertThat(alternatives.stream().allMatch(ServiceItem::worksOffline), is(true));
        // The same theme first: the citizen came for social insurance.
        assertThat(alternatives.get(0).categories(), hasItem("social-insurance"));
        assertThat(fx.outbox.status().pending(), equalTo(0L));

        fx.platform.failing = null;
        flow.retry();
        awaitStage(flow, Stage.RESULT);
    }

    @Test
    void aPrinterFaultFailsThePrintStepWithRetryAndRecordsNothing() throws Exception {
        ServiceFlow flow = open(ITEM);
        fx.printer.jam();
        flow.proceed();
        identify(flow, Demo.sampleCard());
        awaitStage(flow, Stage.RESULT);
        flow.proceed();
        awaitStage(flow, Stage.FAILED);
        assertThat(flow.state().canRetry(), is(true));
        assertThat(flow.state().message(), equalTo("flow.error.print"));
        assertThat(fx.outbox.status().pending() + fx.outbox.status().delivered(), equalTo(0L));

        fx.printer.clearJam();
        flow.retry();
        awaitStage(flow, Stage.PRINTED);
    }

    @Test
    void aFormIsCheckedFieldByFieldThenSubmittedThroughTheOutboxAndReviewed() throws Exception {
        fx.sessions.startOrContinue(Session.Trigger.ID_CARD).identify(Demo.sampleCard());
        ServiceFlow flow = open("EMP-REG-UNEMP");
        flow.proceed();
        assertThat(flow.state().stage(), is(Stage.FORM));

        flow.submitForm(Map.of("phone", "12345", "reason", "晒太阳"));
        assertThat(flow.state().stage(), is(Stage.FORM));
        assertThat(flow.state().fieldErrors(), equalTo(Map.of(
                "phone", "form.error.phone", "reason", "form.error.choice")));

        flow.submitForm(Map.of("phone", "13812345678", "reason", "本人辞职", "lastEmployer", " 某某公司 "));
        assertThat(flow.state().stage(), is(Stage.CONFIRM));
        assertThat(flow.formValues().get("lastEmployer"), equalTo("某某公司"));
        flow.proceed();
        assertThat(flow.state().stage(), is(Stage.SUBMITTED));
        assertThat(flow.state().message(), equalTo("flow.submitted"));
        String reference = flow.state().reference();
        assertThat(reference.length(), equalTo(8));
        flow.proceed();
        flow.review(4, List.of());
        assertThat(flow.state().stage(), is(Stage.DONE));

        Transaction submission = queued(TransactionKind.SUBMISSION).get(0);
        assertThat(submission.form().get("phone"), equalTo("13812345678"));
        assertThat(submission.id().toString().toUpperCase().startsWith(reference), is(true));
        Transaction review = queued(TransactionKind.EVALUATION).get(0);
        assertThat(review.evaluation().targetTransactionId(), equalTo(submission.id()));
    }

    @Test
    void aSubmissionMadeOfflineIsKeptAndSaidToBeSentLater() throws Exception {
        fx.platform.reachability = PlatformReachability.State.OFFLINE;
        fx.sessions.startOrContinue(Session.Trigger.ID_CARD).identify(Demo.sampleCard());
        ServiceFlow flow = open("EMP-REG-UNEMP");
        flow.proceed();
        flow.submitForm(Map.of("phone", "13812345678", "reason", "其他"));
        flow.proceed();
        assertThat(flow.state().message(), equalTo("flow.submittedOffline"));
        assertThat(fx.outbox.status().pending(), equalTo(1L));
    }

    @Test
    void paperOutSaysWhatToDoKeepsTheFailedJobAndARetryPrintsANewOneOnce() throws Exception {
        ServiceFlow flow = open(ITEM);
        fx.printer.paperOut();
        flow.proceed();
        identify(flow, Demo.sampleCard());
        awaitStage(flow, Stage.RESULT);
        flow.proceed();
        awaitStage(flow, Stage.FAILED);
        assertThat(flow.state().message(), equalTo("flow.error.printNoPaper"));
        String session = fx.session().id();
        List<PrintJobRecord> jobs = fx.outbox.printJobsOf(session);
        assertThat(jobs.size(), equalTo(1));
        assertThat(jobs.get(0).state(), equalTo(PrintJobState.FAILED));
        assertThat(jobs.get(0).detail(), containsString("NO_MEDIA"));

        fx.printer.refill(100);
        flow.retry();
        awaitStage(flow, Stage.PRINTED);

        jobs = fx.outbox.printJobsOf(session);
        assertThat(jobs.stream().map(PrintJobRecord::state).toList(),
                equalTo(List.of(PrintJobState.FAILED, PrintJobState.DONE)));
        assertThat(fx.printer.printed(), equalTo(1));
        assertThat(queued(TransactionKind.PRINT_RECORD).size(), equalTo(1));
    }

    @Test
    void theReviewTakesOnlyTheFiveNationalLevels() throws Exception {
        ServiceFlow flow = open("HR-GUIDE-MOVE");
        flow.proceed();
        assertThat(flow.state().stage(), is(Stage.REVIEW));
        assertThrows(IllegalArgumentException.class, () -> flow.review(6, List.of()));
        assertThrows(IllegalArgumentException.class, () -> flow.review(0, List.of()));
        flow.review(1, List.of("等待时间长"));
        assertThat(flow.state().stage(), is(Stage.DONE));
        List<Transaction> reviews = queued(TransactionKind.EVALUATION);
        assertThat(reviews.size(), equalTo(1));
        assertThat(reviews.get(0).evaluation().reasons(), equalTo(List.of("等待时间长")));
    }

    @Test
    void theTwoLowestLevelsAskWhyBeforeTheReviewIsRecorded() throws Exception {
        ServiceFlow flow = open("HR-GUIDE-MOVE");
        flow.proceed();
        flow.chooseLevel(2);
        assertThat(flow.state().stage(), is(Stage.REVIEW_REASONS));
        assertThat(flow.state().level(), equalTo(2));
        flow.review(2, List.of(ServiceFlow.REVIEW_REASONS.get(0)), "  指南写得太长  ");
        assertThat(flow.state().stage(), is(Stage.DONE));
        var evaluation = queued(TransactionKind.EVALUATION).get(0).evaluation();
        assertThat(evaluation.level(), equalTo(2));
        assertThat(evaluation.reasons(), equalTo(List.of("办事流程繁琐")));
        assertThat(evaluation.comment(), equalTo("指南写得太长"));

        ServiceFlow again = open("HR-GUIDE-MOVE");
        again.proceed();
        again.chooseLevel(4);
        assertThat(again.state().stage(), is(Stage.DONE));
    }

    @Test
    void leavingAStartedServiceOffersTheReviewOncePerVisit() throws Exception {
        Navigator nav = fx.navigator();
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
        assertThat(queued(TransactionKind.EVALUATION).get(0).evaluation().level(), equalTo(3));

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
        assertThat(fx.sessions.current().isPresent(), is(false));
    }

    @Test
    void leavingTheItemCancelsItsFlowSoLateAnswersChangeNothing() throws Exception {
        Navigator nav = fx.navigator();
        fx.platform.delay = Duration.ofMillis(500);
        nav.touch();
        nav.openItem(ITEM);
        ServiceFlow flow = nav.flow().orElseThrow();
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
