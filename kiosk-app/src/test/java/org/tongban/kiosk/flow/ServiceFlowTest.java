package org.tongban.kiosk.flow;

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
        await(() -> demo.terminal().sync().reachability().online());
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

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(10);
        }
    }

    private static void awaitStage(ServiceFlow flow, Stage stage) throws InterruptedException {
        await(() -> flow.state().stage() == stage);
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
        List<String> offered = flow.state().offlineAlternatives().stream().map(ServiceItem::code).toList();
        assertThat(offered, hasItem("MI-GUIDE-ENROL"));
        assertThat(offered, not(hasItem(ITEM)));
        assertThat(demo.terminal().outbox().status().pending(), equalTo(0L));

        demo.platform().start();
        flow.retry();
        awaitStage(flow, Stage.RESULT);
    }

    @Test
    void aPrinterFaultFailsThePrintStepWithRetryAndRecordsNothing() throws Exception {
        demo.printer().jam();
        ServiceFlow flow = open();
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
    void paperOutSaysWhatToDoKeepsTheFailedJobAndARetryPrintsANewOneOnce() throws Exception {
        demo.printer().paperOut();
        ServiceFlow flow = open();
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
        await(() -> demo.platform().transactions().size() == 1);
        assertThat(demo.platform().transactions().get(0).evaluation().reasons(), equalTo(List.of("等待时间长")));
    }

    @Test
    void leavingTheItemCancelsItsFlowSoLateAnswersChangeNothing() throws Exception {
        demo.platform().delayAnswers(Duration.ofMillis(500));
        ServiceFlow flow = open();
        flow.proceed();
        nav.cardRead(Demo.sampleCard());
        assertThat(flow.state().stage(), is(Stage.WORKING));
        nav.back();
        assertThat(flow.cancelled(), is(true));
        Thread.sleep(800);
        assertThat(flow.state().stage(), is(Stage.WORKING));
        assertThat(nav.screen(), is(Navigator.Screen.HOME));
    }
}
