package org.tongban.kiosk.outbox;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.tongban.kiosk.platform.Applicant;
import org.tongban.kiosk.platform.Attachment;
import org.tongban.kiosk.platform.IdType;
import org.tongban.kiosk.platform.Transaction;
import org.tongban.kiosk.platform.TransactionResult;

class OutboxTest {

    private static final Applicant ZHANG = new Applicant(IdType.RESIDENT_ID, "53010219900307123X", "张三");
    private static final Instant T0 = Instant.parse("2026-11-21T01:00:00Z");

    @TempDir
    Path dir;
    private Path file;
    private final TestClock clock = new TestClock(T0);
    private Outbox outbox;

    @BeforeEach
    void open() throws Exception {
        file = dir.resolve("data/outbox.db");
        outbox = Outbox.open(file, keyFile(), clock);
    }

    private Path keyFile() {
        return dir.resolve("keys/outbox.key");
    }

    @AfterEach
    void close() {
        outbox.close();
    }

    private static Transaction submission(Instant createdAt, String item) {
        return Transaction.submission("YN-KM-GD-0001", "s1", createdAt, item, ZHANG, Map.of("phone", "13800000000"),
                List.of());
    }

    @Test
    void enqueuingAnIdTwiceKeepsOneRow() throws Exception {
        Transaction tx = submission(T0, "A");
        assertThat(outbox.enqueue(tx), is(true));
        assertThat(outbox.enqueue(tx), is(false));
        assertThat(outbox.completeStep(new StepRecord("s1", "submitted", T0, null), List.of(tx)), is(true));

        assertThat(outbox.status(), equalTo(new OutboxStatus(1, 0, 0, Duration.ZERO)));
        OutboxEntry entry = outbox.find(tx.id()).orElseThrow();
        assertThat(entry.state(), is(OutboxState.PENDING));
        assertThat(entry.itemCode(), equalTo("A"));
        assertThat(entry.attempts(), is(0));
        assertThat(outbox.nextBatch(T0, 100, Long.MAX_VALUE), equalTo(List.of(tx)));
    }

    @Test
    void nextBatchIsOldestFirstLimitedByCountBytesAndDueTime() throws Exception {
        Transaction newest = submission(T0.plusSeconds(3), "C");
        Transaction oldest = submission(T0.plusSeconds(1), "A");
        Transaction middle = submission(T0.plusSeconds(2), "B");
        for (Transaction t : List.of(newest, oldest, middle)) {
            outbox.enqueue(t);
        }
        Instant now = T0.plusSeconds(10);
        assertThat(outbox.nextBatch(now, 100, Long.MAX_VALUE), contains(oldest, middle, newest));
        assertThat(outbox.nextBatch(now, 2, Long.MAX_VALUE), contains(oldest, middle));

        int oneTx = new org.tongban.kiosk.platform.ContractJson().writeTransaction(oldest).getBytes(
                java.nio.charset.StandardCharsets.UTF_8).length + 1;
        assertThat(outbox.nextBatch(now, 100, oneTx * 2L + 5), hasSize(2));
        assertThat(outbox.nextBatch(now, 100, 1), contains(oldest)); // the first always goes, alone

        outbox.markRetry(List.of(oldest.id()), now.plusSeconds(60), "HTTP 503");
        assertThat(outbox.nextBatch(now, 100, Long.MAX_VALUE), contains(middle, newest));
        assertThat(outbox.nextBatch(now.plusSeconds(60), 100, Long.MAX_VALUE), contains(oldest, middle, newest));
        OutboxEntry retried = outbox.find(oldest.id()).orElseThrow();
        assertThat(retried.attempts(), is(1));
        assertThat(retried.nextAttemptAt(), equalTo(now.plusSeconds(60)));
        assertThat(retried.lastError(), equalTo("HTTP 503"));
    }

    @Test
    void verdictsMoveTransactionsOutOfThePendingQueue() throws Exception {
        Transaction a = submission(T0, "A");
        Transaction b = submission(T0.plusSeconds(1), "B");
        Transaction c = submission(T0.plusSeconds(2), "C");
        for (Transaction t : List.of(a, b, c)) {
            outbox.enqueue(t);
        }
        clock.advance(Duration.ofMinutes(5));
        assertThat(outbox.status(), equalTo(new OutboxStatus(3, 0, 0, Duration.ofMinutes(5))));

        outbox.record(List.of(TransactionResult.accepted(a.id(), "SB20261121000001"),
                TransactionResult.rejected(b.id(), "MISSING_ITEM_CODE", "itemCode is required")));
        outbox.markDelivered(a.id(), "SB-OTHER"); // told twice: the first receipt stays

        assertThat(outbox.status(), equalTo(new OutboxStatus(1, 1, 1, Duration.ofMinutes(5).minusSeconds(2))));
        OutboxEntry delivered = outbox.find(a.id()).orElseThrow();
        assertThat(delivered.state(), is(OutboxState.DELIVERED));
        assertThat(delivered.receiptNo(), equalTo("SB20261121000001"));
        assertThat(delivered.deliveredAt(), equalTo(clock.instant()));
        List<OutboxEntry> rejected = outbox.rejected();
        assertThat(rejected, hasSize(1));
        assertThat(rejected.get(0).id(), equalTo(b.id()));
        assertThat(rejected.get(0).rejectCode(), equalTo("MISSING_ITEM_CODE"));
        assertThat(outbox.nextBatch(clock.instant(), 100, Long.MAX_VALUE), contains(c));

        assertThat(outbox.purgeDelivered(clock.instant().plusSeconds(1)), is(1));
        OutboxEntry purged = outbox.find(a.id()).orElseThrow();
        assertThat(purged.receiptNo(), equalTo("SB20261121000001"));
        assertThat(purged.purgedAt(), equalTo(clock.instant()));
        assertThat(outbox.purgeDelivered(clock.instant().plusSeconds(1)), is(0));
    }

    @Test
    void survivesReopeningTheFile() throws Exception {
        Transaction tx = Transaction.submission("YN-KM-GD-0001", "s9", T0, "530100-SB-001", ZHANG,
                Map.of("地址", "昆明市五华区"), List.of(Attachment.of("id.jpg", "image/jpeg", new byte[] {1, 2, 3})));
        outbox.completeStep(new StepRecord("s9", "submitted", T0, "{\"page\":3}"), List.of(tx));
        outbox.markRetry(List.of(tx.id()), T0.plusSeconds(5), "unreachable");
        outbox.close();

        outbox = Outbox.open(file, keyFile(), clock);
        assertThat(outbox.nextBatch(T0.plusSeconds(5), 100, Long.MAX_VALUE), equalTo(List.of(tx)));
        assertThat(outbox.find(tx.id()).orElseThrow().attempts(), is(1));
        assertThat(outbox.findStep("s9", "submitted").orElseThrow().stateJson(), equalTo("{\"page\":3}"));

        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = raw.createStatement()) {
            try (ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
                assertThat(rs.getString(1), equalTo("wal"));
            }
            try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
                assertThat(rs.getInt(1), is(3));
            }
        }
    }

    @Test
    void completeStepIsAllOrNothing() throws Exception {
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = raw.createStatement()) {
            s.execute("CREATE TRIGGER fail_insert BEFORE INSERT ON transactions WHEN NEW.item_code = 'BOOM' "
                    + "BEGIN SELECT RAISE(ABORT, 'injected write failure'); END");
        }
        Transaction fine = submission(T0, "FINE");
        Transaction boom = submission(T0, "BOOM");

        OutboxException e = assertThrows(OutboxException.class,
                () -> outbox.completeStep(new StepRecord("s1", "submitted", T0, "{}"), List.of(fine, boom)));

        assertThat(e.getMessage(), containsString("injected write failure"));
        assertThat(outbox.findStep("s1", "submitted"), equalTo(Optional.empty()));
        assertThat(outbox.find(fine.id()), equalTo(Optional.empty()));
        assertThat(outbox.status().pending(), is(0L));

        // The outbox is still usable after the failed write.
        assertThat(outbox.completeStep(new StepRecord("s1", "submitted", T0, "{}"), List.of(fine)), is(true));
        assertThat(outbox.status().pending(), is(1L));
    }

    @Test
    void refusesATransactionThatCouldNeverBeDelivered() throws Exception {
        byte[] scan = new byte[Outbox.MAX_PAYLOAD_BYTES];
        Transaction huge = Transaction.submission("YN-KM-GD-0001", "s1", T0, "A", ZHANG, Map.of(),
                List.of(Attachment.of("scan.tif", "image/tiff", scan)));
        OutboxException e = assertThrows(OutboxException.class,
                () -> outbox.completeStep(new StepRecord("s1", "submitted", T0, null),
                        List.of(submission(T0, "A"), huge)));
        assertThat(e.getMessage(), containsString("at most"));
        assertThat(outbox.status().pending(), is(0L));
        assertThat(outbox.findStep("s1", "submitted"), equalTo(Optional.empty()));
    }

    @Test
    void refusesAFileFromANewerVersion() throws Exception {
        outbox.close();
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = raw.createStatement()) {
            s.execute("PRAGMA user_version = 99");
        }
        OutboxException e = assertThrows(OutboxException.class, () -> Outbox.open(file, keyFile(), clock));
        assertThat(e.getMessage(), containsString("newer"));
    }

    @Test
    void unreadablePayloadsAreParkedNotBlocking() throws Exception {
        Transaction good = submission(T0.plusSeconds(1), "GOOD");
        Transaction bad = submission(T0, "BAD");
        outbox.enqueue(good);
        outbox.enqueue(bad);
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = raw.createStatement()) {
            s.execute("UPDATE transactions SET payload = '{broken' WHERE item_code = 'BAD'");
        }
        assertThat(outbox.nextBatch(T0.plusSeconds(5), 100, Long.MAX_VALUE), contains(good));
        assertThat(outbox.find(bad.id()).orElseThrow().state(), is(OutboxState.REJECTED));
        assertThat(outbox.rejected().get(0).rejectCode(), equalTo("LOCAL_UNREADABLE_PAYLOAD"));
        assertThat(outbox.find(UUID.randomUUID()), equalTo(Optional.empty()));
        assertThat(outbox.nextBatch(T0.plusSeconds(5), 100, Long.MAX_VALUE), contains(good));
        assertThat(outbox.rejected(), hasSize(1));
    }
}
