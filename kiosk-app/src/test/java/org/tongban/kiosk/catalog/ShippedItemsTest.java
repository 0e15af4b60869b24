package org.tongban.kiosk.catalog;

import static org.tongban.kiosk.testing.Eventually.until;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.tongban.kiosk.app.Demo;
import org.tongban.kiosk.flow.FlowState;
import org.tongban.kiosk.flow.Navigator;
import org.tongban.kiosk.flow.ServiceFlow;
import org.tongban.kiosk.flow.Stage;
import org.tongban.kiosk.outbox.OutboxException;
import org.tongban.kiosk.platform.Transaction;
import org.tongban.kiosk.platform.TransactionKind;
import org.tongban.kiosk.session.Session;

/**
 * Every item shipped in config/catalog runs to its end on a whole demo terminal (simulated devices,
 * real outbox, platform simulator), online and, where the item says so, offline; leaving at any step
 * cancels the flow; walking away mid-flow wipes the visit. One terminal serves the whole class, each
 * item in a visit of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShippedItemsTest {

    private Demo demo;
    private Navigator nav;
    private List<ServiceItem> items;

    @BeforeAll
    void start() throws Exception {
        demo = new Demo(0);
        nav = demo.terminal().navigator();
        items = demo.terminal().catalog().current().items();
        until(() -> demo.terminal().sync().reachability().online());
    }

    @AfterAll
    void stop() {
        demo.close();
    }

    @AfterEach
    void endTheVisitAndBringThePlatformBack() throws Exception {
        nav.finish();
        demo.platform().start();
    }

    @Test
    void theShippedCatalogIsBigEnoughForADemonstration() {
        assertThat(items.size(), greaterThan(24));
        Set<String> departments = new LinkedHashSet<>();
        items.forEach(i -> departments.add(i.department()));
        assertThat(departments.size(), greaterThan(7));
        assertThat(items.stream().filter(i -> i.keywords().isEmpty()).map(ServiceItem::code).toList(), is(empty()));
        assertThat(items.stream().filter(ServiceItem::isBundle).count(), equalTo(2L));
    }

    // ---- to the end ------------------------------------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> everyItemRunsToTheEndOnlineAndLeavesItsTransactions() {
        return items.stream().map(item -> dynamicTest(item.code(), () -> {
            String session = runToTheEnd(item);
            List<Transaction> filed = awaitFiled(session, expectedTransactions(item));
            checkTransactions(item, filed);
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyItemThatWorksOfflineRunsToTheEndWithThePlatformDown() {
        List<ServiceItem> offline = items.stream().filter(ServiceItem::worksOffline).toList();
        Map<ServiceItem, String> sessions = new LinkedHashMap<>();
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(dynamicTest("the platform goes down", () -> {
            demo.platform().stop();
            until(() -> !demo.terminal().sync().reachability().online());
        }));
        for (ServiceItem item : offline) {
            tests.add(dynamicTest(item.code(), () -> {
                long pendingBefore = demo.terminal().outbox().status().pending();
                sessions.put(item, runToTheEnd(item));
                assertThat(demo.terminal().outbox().status().pending(),
                        equalTo(pendingBefore + expectedTransactions(item)));
            }));
        }
        tests.add(dynamicTest("the platform comes back and receives every visit", () -> {
            demo.platform().start();
            demo.terminal().sync().syncNow();
            until(() -> pending() == 0);
            for (Map.Entry<ServiceItem, String> e : sessions.entrySet()) {
                checkTransactions(e.getKey(), awaitFiled(e.getValue(), expectedTransactions(e.getKey())));
            }
            assertThat(sessions.size(), equalTo(offline.size()));
        }));
        return tests.stream();
    }

    /** Runs the item from the card on the reader to the review; answers the visit's session id. */
    private String runToTheEnd(ServiceItem item) throws Exception {
        nav.cardRead(Demo.sampleCard());
        String session = demo.terminal().sessions().current().map(Session::id).orElseThrow();
        boolean online = demo.terminal().sync().reachability().online();
        nav.openItem(item.code());
        ServiceFlow flow = nav.flow().orElseThrow();
        List<StepTypeSeen> seen = new ArrayList<>();
        for (int moves = 0; ; moves++) {
            if (moves > 30) {
                fail(item.code() + " does not end: " + seen);
            }
            until(() -> flow.state().stage() != Stage.WORKING);
            FlowState s = flow.state();
            seen.add(new StepTypeSeen(s.step(), s.stage()));
            switch (s.stage()) {
                case GUIDANCE, RESULT, PRINTED, CONFIRM -> flow.proceed();
                case SUBMITTED -> {
                    assertThat(s.message(), equalTo(online ? "flow.submitted" : "flow.submittedOffline"));
                    assertThat(s.reference().length(), equalTo(8));
                    flow.proceed();
                }
                case WAIT_FOR_CARD -> nav.cardRead(Demo.sampleCard());
                case FACE -> until(() -> flow.state().stage() != Stage.FACE); // the demo camera's citizen blinks
                case LICENSE -> {
                    demo.qrScanner().show("DZZZ:" + item.code());
                    until(() -> flow.state().stage() != Stage.LICENSE);
                }
                case LICENSE_SHOWN -> flow.proceed();
                case CAPTURE -> {
                    if (flow.capture().orElseThrow().pages() == 0) {
                        flow.capturePage();
                    } else {
                        flow.finishCapture();
                    }
                }
                case FORM -> {
                    flow.submitForm(answers(flow.formFields()));
                    assertThat(item.code() + " " + flow.state().fieldErrors(), flow.state().stage(),
                            not(Stage.FORM));
                }
                case REVIEW -> flow.review(5, List.of());
                case DONE -> {
                    List<StepType> expected = item.flow().stream().map(FlowStep::step)
                            .filter(t -> t != StepType.IDENTIFY).toList();
                    assertThat(item.code(), expected,
                            everyItem(in(seen.stream().map(StepTypeSeen::step).toList())));
                    nav.finish();
                    assertThat(nav.screen(), is(Navigator.Screen.ATTRACT));
                    return session;
                }
                default -> fail(item.code() + " stopped at " + s.stage() + " " + s.message() + " " + s.detail());
            }
        }
    }

    private record StepTypeSeen(StepType step, Stage stage) {
    }

    /** An acceptable answer for every field, from its type alone. */
    private static Map<String, String> answers(List<FormField> fields) {
        Map<String, String> answers = new HashMap<>();
        for (FormField f : fields) {
            answers.put(f.name(), switch (f.type()) {
                case TEXT -> "示例" + f.name().length();
                case PHONE -> "13812345678";
                case DATE -> LocalDate.now().minusDays(10).toString();
                case NUMBER -> "12";
                case CHOICE -> f.options().get(0).zh();
            });
        }
        return answers;
    }

    private List<ServiceItem> filedItems(ServiceItem item) {
        if (!item.has(StepType.SUBMIT)) {
            return List.of();
        }
        return item.isBundle()
                ? item.bundle().stream().map(c -> demo.terminal().catalog().current().item(c).orElseThrow()).toList()
                : List.of(item);
    }

    /** One submission per filed item, a print record for a print, and the review. */
    private int expectedTransactions(ServiceItem item) {
        return filedItems(item).size() + (item.has(StepType.PRINT) ? 1 : 0) + 1;
    }

    private void checkTransactions(ServiceItem item, List<Transaction> filed) {
        List<Transaction> submissions = filed.stream().filter(t -> t.kind() == TransactionKind.SUBMISSION).toList();
        List<Transaction> prints = filed.stream().filter(t -> t.kind() == TransactionKind.PRINT_RECORD).toList();
        List<Transaction> reviews = filed.stream().filter(t -> t.kind() == TransactionKind.EVALUATION).toList();
        List<ServiceItem> members = filedItems(item);
        assertThat(item.code(), submissions.stream().map(Transaction::itemCode).toList(),
                equalTo(members.stream().map(ServiceItem::code).toList()));
        for (int i = 0; i < members.size(); i++) {
            // Each application carries exactly the fields its own item asks, even when a bundle asked them,
            // and the number of the e-licence its license step verified.
            Set<String> expected = new LinkedHashSet<>(members.get(i).formFields().stream().map(FormField::name).toList());
            if (members.get(i).has(StepType.LICENSE)) {
                expected.add("licenseNumber");
            }
            assertThat(submissions.get(i).form().keySet(), equalTo(expected));
            assertThat(submissions.get(i).applicant(), notNullValue());
        }
        assertThat(item.code(), prints.size(), equalTo(item.has(StepType.PRINT) ? 1 : 0));
        prints.forEach(p -> assertThat(p.itemCode(), equalTo(item.code())));
        prints.forEach(p -> assertThat(p.form(), hasKey("verifyCode")));
        assertThat(item.code(), reviews.size(), equalTo(1));
        UUID target = reviews.get(0).evaluation().targetTransactionId();
        if (!prints.isEmpty()) {
            assertThat(item.code(), target, equalTo(prints.get(0).id()));
        } else if (!submissions.isEmpty()) {
            assertThat(item.code(), target, equalTo(submissions.get(0).id()));
        } else {
            // A guide only: the review is about the visit, not about anything filed.
            assertThat(target, notNullValue());
        }
    }

    private List<Transaction> awaitFiled(String session, int count) throws Exception {
        demo.terminal().sync().syncNow();
        until(() -> filed(session).size() >= count);
        Thread.sleep(50); // nothing more may follow
        List<Transaction> filed = filed(session);
        assertThat(filed.size(), equalTo(count));
        return filed;
    }

    private List<Transaction> filed(String session) {
        return demo.platform().transactions().stream().filter(t -> session.equals(t.sessionId())).toList();
    }

    private long pending() {
        try {
            return demo.terminal().outbox().status().pending();
        } catch (OutboxException e) {
            throw new IllegalStateException(e);
        }
    }

    private long recorded() throws OutboxException {
        var s = demo.terminal().outbox().status();
        return s.pending() + s.delivered() + s.rejected();
    }

    // ---- leaving -----------------------------------------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> leavingAtAnyStepCancelsTheFlowAndTheNavigatorReturns() {
        List<DynamicTest> tests = new ArrayList<>();
        for (ServiceItem item : items) {
            for (FlowStep step : item.flow()) {
                tests.add(dynamicTest(item.code() + " at " + step.step().yamlName(), () -> {
                    nav.touch();
                    nav.openCategory(item.categories().get(0));
                    nav.openItem(item.code());
                    ServiceFlow flow = nav.flow().orElseThrow();
                    driveTo(flow, item, step.step());
                    long recordedBefore = recorded();

                    nav.back();
                    if (flow.leaving()) {
                        // A started service left unfinished offers the review once; the citizen skips it.
                        assertThat(flow.state().stage(), is(Stage.REVIEW));
                        flow.skipReview();
                    }

                    assertThat(flow.cancelled(), is(true));
                    assertThat(nav.flow().isPresent(), is(false));
                    assertThat(nav.screen(), is(Navigator.Screen.CATEGORY));
                    FlowState after = flow.state();
                    flow.proceed();
                    assertThat(flow.state(), equalTo(after));
                    assertThat(recorded(), equalTo(recordedBefore));
                    nav.finish();
                }));
            }
        }
        return tests.stream();
    }

    /** Drives the flow (no card on the reader yet) until it waits for the citizen at {@code target}. */
    private void driveTo(ServiceFlow flow, ServiceItem item, StepType target) throws Exception {
        for (int moves = 0; moves < 30; moves++) {
            until(() -> flow.state().stage() != Stage.WORKING);
            FlowState s = flow.state();
            if (s.step() == target) {
                return;
            }
            switch (s.stage()) {
                case GUIDANCE, RESULT, PRINTED, CONFIRM, SUBMITTED, LICENSE_SHOWN -> flow.proceed();
                case WAIT_FOR_CARD -> nav.cardRead(Demo.sampleCard());
                case FORM -> flow.submitForm(answers(flow.formFields()));
                case REVIEW -> flow.review(5, List.of());
                case FACE -> until(() -> flow.state().stage() != Stage.FACE);
                case LICENSE -> {
                    demo.qrScanner().show("DZZZ:" + item.code());
                    until(() -> flow.state().stage() != Stage.LICENSE);
                }
                case CAPTURE -> {
                    if (flow.capture().orElseThrow().pages() == 0) {
                        flow.capturePage();
                        until(() -> flow.state().pages() == 1);
                    } else {
                        flow.finishCapture();
                    }
                }
                default -> fail(item.code() + " stopped at " + s.stage() + " " + s.message() + " before " + target);
            }
        }
        fail(item.code() + " never reached " + target);
    }

    // ---- walking away ----------------------------------------------------------------------------------

    @Test
    void walkingAwayMidFlowEndsTheVisitAndWipesWhatItHeld() throws Exception {
        try (Demo shortIdle = new Demo(0, Duration.ofSeconds(1), Duration.ofSeconds(1))) {
            Navigator n = shortIdle.terminal().navigator();
            until(() -> shortIdle.terminal().sync().reachability().online());
            AtomicInteger warnings = new AtomicInteger();
            n.addListener(x -> {
                if (x.idleSecondsLeft() > 0) {
                    warnings.incrementAndGet();
                }
            });
            // A bundle with its form answered and waiting for confirmation; a query result on the screen.
            for (String code : List.of("BUNDLE-NEWBORN", "SI-CERT-CONTRIB")) {
                warnings.set(0);
                var o = shortIdle.terminal().outbox().status();
                long recordedBefore = o.pending() + o.delivered();
                n.cardRead(Demo.sampleCard());
                Session session = shortIdle.terminal().sessions().current().orElseThrow();
                n.openItem(code);
                ServiceFlow flow = n.flow().orElseThrow();
                flow.proceed();
                until(() -> flow.state().stage() != Stage.WORKING);
                if (flow.state().stage() == Stage.FORM) {
                    flow.submitForm(answers(flow.formFields()));
                    assertThat(session.form().isEmpty(), is(false));
                }
                assertThat(flow.state().stage(), is(in(List.of(Stage.CONFIRM, Stage.RESULT))));
                Path scratch = session.workDir().resolve("scan.png");
                Files.write(scratch, new byte[] {1, 2, 3});

                until(() -> n.screen() == Navigator.Screen.ATTRACT);

                assertThat(code, warnings.get(), greaterThan(0));
                assertThat(session.isWiped(), is(true));
                assertThat(session.form().isEmpty(), is(true));
                assertThat(session.identity().isPresent(), is(false));
                assertThat(session.result("query:" + code, Object.class).isPresent(), is(false));
                assertThat(Files.exists(scratch.getParent()), is(false));
                assertThat(flow.cancelled(), is(true));
                assertThat(shortIdle.terminal().sessions().current().isPresent(), is(false));
                var after = shortIdle.terminal().outbox().status();
                assertThat(code, after.pending() + after.delivered(), equalTo(recordedBefore));
            }
        }
    }
}
