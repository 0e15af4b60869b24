package org.tongban.kiosk.outbox;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.tongban.kiosk.outbox.PlatformReachability.State;
import org.tongban.kiosk.platform.Applicant;
import org.tongban.kiosk.platform.Heartbeat;
import org.tongban.kiosk.platform.HeartbeatAnswer;
import org.tongban.kiosk.platform.IdType;
import org.tongban.kiosk.platform.PlatformClient;
import org.tongban.kiosk.platform.PlatformSettings;
import org.tongban.kiosk.platform.Transaction;
import org.tongban.kiosk.platform.TransactionKind;
import org.tongban.kiosk.platformsim.PlatformSimulator;

/** The worker against the real simulator over loopback and a real SQLite file. */
class SyncWorkerTest {

    private static final String TERMINAL = "YN-KM-GD-0001";
    private static final byte[] SECRET = "secret-0001".getBytes(StandardCharsets.UTF_8);
    private static final Applicant ZHANG = new Applicant(IdType.RESIDENT_ID, "53010219900307123X", "张三");
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

    @TempDir
    Path dir;
    // The worker schedules by this clock; the simulator and client keep real time for signatures.
    private final TestClock clock = new TestClock(Instant.parse("2026-11-21T01:00:00Z"));
    private final List<PlatformReachability> seen = new CopyOnWriteArrayList<>();
    private PlatformSimulator simulator;
    private Outbox outbox;
    private SyncWorker worker;

    @BeforeEach
    void setUp() throws Exception {
        simulator = new PlatformSimulator(0, Map.of(TERMINAL, SECRET), "{}").start();
        outbox = Outbox.open(dir.resolve("outbox.db"), dir.resolve("outbox.key"), clock);
    }

    @AfterEach
    void tearDown() {
        if (worker != null) {
            worker.stop();
        }
        outbox.close();
        simulator.close();
    }

    private void startWorker() {
        PlatformClient client = new PlatformClient(new PlatformSettings(simulator.baseUrl(), TERMINAL, SECRET,
                Duration.ofSeconds(2)));
        SyncSettings settings = SyncSettings.defaults().withPacing(Duration.ofMillis(30), Duration.ofMillis(200),
                MAX_BACKOFF);
        worker = new SyncWorker(outbox, client, clock, settings,
                () -> new Heartbeat(TERMINAL, Heartbeat.Profile.HALL_KIOSK, "0.1.0", null, 1, 0, null, List.of()));
        worker.addListener(seen::add);
        worker.start();
    }

    private List<Transaction> enqueue(int count) throws OutboxException {
        List<Transaction> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Transaction tx = Transaction.submission(TERMINAL, "s" + i, clock.instant().plusMillis(i), "530100-SB-001",
                    ZHANG, Map.of("n", i), List.of());
            outbox.enqueue(tx);
            out.add(tx);
        }
        return out;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    private BooleanSupplier attempted(Transaction tx, int attempts) {
        return () -> entry(tx.id()).attempts() >= attempts;
    }

    private OutboxEntry entry(UUID id) {
        try {
            return outbox.find(id).orElseThrow();
        } catch (OutboxException e) {
            throw new AssertionError(e);
        }
    }

    private long pending() {
        try {
            return outbox.status().pending();
        } catch (OutboxException e) {
            throw new AssertionError(e);
        }
    }

    /** Moves the worker's clock past any backoff and wakes it. */
    private void later() {
        clock.advance(MAX_BACKOFF.plusSeconds(1));
        worker.syncNow();
    }

    private void assertDeliveredOnce(List<Transaction> txs) {
        for (Transaction tx : txs) {
            OutboxEntry e = entry(tx.id());
            assertThat(e.state(), is(OutboxState.DELIVERED));
            assertThat(simulator.countById(tx.id()), is(1));
            assertThat(e.receiptNo(), equalTo(simulator.receiptOf(tx.id())));
        }
    }

    @Test
    void deliversABatchAndGoesOnline() throws Exception {
        List<Transaction> txs = enqueue(5);
        startWorker();
        await("delivery", () -> pending() == 0);

        assertDeliveredOnce(txs);
        assertThat(simulator.transactions(), equalTo(txs));
        assertThat(simulator.batchSizes(), contains(5));
        await("listeners to hear", () -> !seen.isEmpty());
        assertThat(worker.reachability().state(), is(State.ONLINE));
        assertThat(seen.get(0).state(), is(State.ONLINE));
    }

    @Test
    void aBatchFiledButNotAnsweredIsReplayedAndStoredOnce() throws Exception {
        simulator.dropConnectionAfterCommit(1);
        List<Transaction> txs = enqueue(3);
        startWorker();
        await("the dropped attempt", attempted(txs.get(0), 1));
        for (Transaction tx : txs) {
            assertThat(simulator.countById(tx.id()), is(1));
            assertThat(entry(tx.id()).state(), is(OutboxState.PENDING));
        }

        later();
        await("the replay", () -> pending() == 0);
        assertDeliveredOnce(txs);
        assertThat(simulator.transactions(), hasSize(3));
        assertThat(simulator.batchSizes(), contains(3, 3));
    }

    @Test
    void honoursRetryAfter() throws Exception {
        simulator.failNext(1, Duration.ofSeconds(30));
        Transaction tx = enqueue(1).get(0);
        Instant failedAt = clock.instant();
        startWorker();
        await("the refused attempt", attempted(tx, 1));

        OutboxEntry refused = entry(tx.id());
        assertThat(refused.nextAttemptAt(), equalTo(failedAt.plusSeconds(30)));
        assertThat(refused.lastError(), containsString("503"));
        assertThat(worker.reachability().state(), is(State.OFFLINE));

        // Woken early: the heartbeat goes, but the transaction waits for its Retry-After.
        clock.advance(Duration.ofSeconds(29));
        worker.syncNow();
        await("the platform to be back", () -> worker.reachability().online());
        assertThat(entry(tx.id()).state(), is(OutboxState.PENDING));
        assertThat(simulator.batchSizes(), hasSize(0));

        clock.advance(Duration.ofSeconds(1));
        worker.syncNow();
        await("delivery", () -> pending() == 0);
        assertDeliveredOnce(List.of(tx));
        assertThat(entry(tx.id()).attempts(), is(1));
    }

    @Test
    void keepsARejectedTransactionAndDeliversTheRest() throws Exception {
        List<Transaction> good = enqueue(2);
        Transaction noItem = new Transaction(UUID.randomUUID(), TransactionKind.SUBMISSION, TERMINAL, "s9",
                clock.instant(), null, ZHANG, Map.of(), List.of(), null);
        outbox.enqueue(noItem);
        startWorker();
        await("verdicts", () -> pending() == 0);

        assertDeliveredOnce(good);
        List<OutboxEntry> rejected = outbox.rejected();
        assertThat(rejected, hasSize(1));
        assertThat(rejected.get(0).id(), equalTo(noItem.id()));
        assertThat(rejected.get(0).rejectCode(), equalTo("MISSING_ITEM_CODE"));

        // Past any backoff, two more rounds: each finds nothing due and only sends a heartbeat.
        later();
        int before = simulator.requestCount();
        await("two more rounds", () -> {
            worker.syncNow();
            return simulator.requestCount() >= before + 2;
        });
        assertThat(simulator.batchSizes(), contains(3)); // never sent again
        assertThat(entry(noItem.id()).attempts(), is(0));
    }

    @Test
    void oneTransactionThatBreaksItsBatchDoesNotBlockTheOthers() throws Exception {
        List<Transaction> txs = enqueue(10);
        Transaction poison = txs.get(3);
        simulator.refuseBatchesWith(poison.id());
        startWorker();
        await("delivery", () -> pending() == 0);

        OutboxEntry refused = entry(poison.id());
        assertThat(refused.state(), is(OutboxState.REJECTED));
        assertThat(refused.rejectCode(), equalTo("HTTP_422"));
        assertThat(refused.rejectMessage(), containsString("Unprocessable batch"));
        List<Transaction> others = new ArrayList<>(txs);
        others.remove(poison);
        assertDeliveredOnce(others);
        assertThat(simulator.countById(poison.id()), is(0));
        // Still oldest first: the halves went in order.
        assertThat(simulator.transactions(), equalTo(others));
    }

    @Test
    void aGarbageAnswerToABatchSplitsItAndGoesOnAtOnce() throws Exception {
        simulator.answerGarbage(1);
        List<Transaction> txs = enqueue(4);
        startWorker();
        await("delivery", () -> pending() == 0);
        assertThat(entry(txs.get(3).id()).attempts(), is(1));
        assertThat(simulator.batchSizes(), contains(2, 2));
        assertDeliveredOnce(txs);
    }

    @Test
    void aLoneTransactionAnsweredWithGarbageWaitsOutABackoff() throws Exception {
        simulator.answerGarbage(1);
        List<Transaction> txs = enqueue(1);
        startWorker();
        await("the garbled attempt", attempted(txs.get(0), 1));
        assertThat(worker.reachability().state(), is(State.OFFLINE));
        assertThat(worker.reachability().lastError(), containsString("JSON"));

        later();
        await("delivery", () -> pending() == 0);
        assertDeliveredOnce(txs);
    }

    @Test
    void deliversWhenThePlatformComesBack() throws Exception {
        simulator.stop();
        List<Transaction> txs = enqueue(3);
        startWorker();
        await("going offline", () -> worker.reachability().state() == State.OFFLINE);
        await("the failed attempt", attempted(txs.get(0), 1));

        simulator.start();
        later();
        await("delivery", () -> pending() == 0);
        assertDeliveredOnce(txs);
        // Listeners hear of the change after the verdicts are stored.
        await("listeners to hear", () -> seen.size() >= 2);
        assertThat(seen.stream().map(PlatformReachability::state).toList(), contains(State.OFFLINE, State.ONLINE));
    }

    @Test
    void whatWaitedOutABackoffGoesAsSoonAsThePlatformAnswersAgain() throws Exception {
        simulator.stop();
        Transaction tx = enqueue(1).get(0);
        startWorker();
        await("the failed attempt", attempted(tx, 1));
        Instant wasDueAt = entry(tx.id()).nextAttemptAt();
        assertThat(wasDueAt.isAfter(clock.instant()), is(true));

        // The platform comes back; the worker's clock has NOT reached the transaction's backoff.
        simulator.start();
        worker.syncNow();
        await("delivery", () -> pending() == 0);
        assertThat(clock.instant().isBefore(wasDueAt), is(true));
        assertDeliveredOnce(List.of(tx));
    }

    @Test
    void doesNotSpinWhileOffline() throws Exception {
        simulator.stop();
        Transaction tx = enqueue(1).get(0);
        startWorker();
        await("the failed attempt", attempted(tx, 1));
        // Ten intervals of real time, but the worker's clock has not reached the backoff: no new attempt.
        Thread.sleep(300);
        assertThat(entry(tx.id()).attempts(), is(1));
        assertThat(entry(tx.id()).nextAttemptAt().isAfter(clock.instant()), is(true));
    }

    @Test
    void batchesByCount() throws Exception {
        List<Transaction> txs = enqueue(250);
        startWorker();
        await("delivery", () -> pending() == 0);
        assertThat(simulator.batchSizes(), contains(100, 100, 50));
        assertThat(simulator.transactions(), equalTo(txs));
    }

    @Test
    void heartbeatsWhenIdleAndPassesCommandsOn() throws Exception {
        List<HeartbeatAnswer.Command> commands = new CopyOnWriteArrayList<>();
        startWorker();
        worker.addCommandListener(commands::add);
        await("online", () -> worker.reachability().online());
        simulator.queueCommand(TERMINAL, HeartbeatAnswer.Command.of(HeartbeatAnswer.CommandType.RELOAD_CATALOG));
        worker.syncNow();
        await("the command", () -> !commands.isEmpty());
        assertThat(commands, contains(HeartbeatAnswer.Command.of(HeartbeatAnswer.CommandType.RELOAD_CATALOG)));
        assertThat(simulator.batchSizes(), hasSize(0));
    }
}
