package org.tongban.kiosk.outbox;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.tongban.kiosk.platform.Applicant;
import org.tongban.kiosk.platform.ContractJson;
import org.tongban.kiosk.platform.IdType;
import org.tongban.kiosk.platform.Transaction;
import org.tongban.kiosk.platform.TransactionResult;

/** Personal data at rest: sealed payloads, the key file, retention, the technician's re-queue. */
class OutboxAtRestTest {

    private static final String ID_NUMBER = "53010219900307123X";
    private static final String NAME = "欧阳娜娜";
    private static final String PHONE = "13987654321";
    private static final Instant T0 = Instant.parse("2026-11-21T01:00:00Z");

    @TempDir
    Path dir;
    private final TestClock clock = new TestClock(T0);

    private Path db() {
        return dir.resolve("data/outbox.db");
    }

    private Path key() {
        return dir.resolve("keys/outbox.key");
    }

    private static Transaction submission(int i) {
        return Transaction.submission("YN-KM-GD-0001", "s" + i, T0.plusMillis(i), "EMP-REG-UNEMP",
                new Applicant(IdType.RESIDENT_ID, ID_NUMBER, NAME), Map.of("phone", PHONE, "reason", "本人辞职"),
                List.of());
    }

    /** Every byte SQLite keeps for the outbox: the file, its WAL and shared memory. */
    private byte[] rawFiles() throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try (Stream<Path> files = Files.list(db().getParent())) {
            for (Path f : files.toList()) {
                all.write(Files.readAllBytes(f));
            }
        }
        return all.toByteArray();
    }

    private static boolean contains(byte[] haystack, String needle) {
        byte[] n = needle.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = 0; i + n.length <= haystack.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (haystack[i + j] != n[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Test
    void theDatabaseFileHoldsNoPersonalDataInClear() throws Exception {
        Transaction tx;
        try (Outbox outbox = Outbox.open(db(), key(), clock)) {
            for (int i = 0; i < 20; i++) {
                outbox.completeStep(new StepRecord("s" + i, "EMP-REG-UNEMP/submit", T0, "{}"), List.of(submission(i)));
            }
            tx = submission(99);
            outbox.enqueue(tx);
            assertThat(outbox.nextBatch(T0.plusSeconds(1), 100, Long.MAX_VALUE), hasSize(21));
            // While open (the WAL holds the recent writes) ...
            byte[] open = rawFiles();
            assertThat(contains(open, "EMP-REG-UNEMP"), is(true)); // the bookkeeping stays queryable
            assertThat(contains(open, ID_NUMBER), is(false));
            assertThat(contains(open, NAME), is(false));
            assertThat(contains(open, PHONE), is(false));
        }
        // ... and after the WAL was checkpointed into the file.
        byte[] closed = rawFiles();
        assertThat(contains(closed, ID_NUMBER), is(false));
        assertThat(contains(closed, NAME), is(false));
        assertThat(contains(closed, tx.id().toString()), is(true));

        try (Outbox again = Outbox.open(db(), key(), clock)) {
            assertThat(again.nextBatch(T0.plusSeconds(1), 100, Long.MAX_VALUE).get(20), equalTo(tx));
        }
    }

    @Test
    void theKeyFileIsCreatedOwnerOnlyAndMustMatchTheOutbox() throws Exception {
        try (Outbox outbox = Outbox.open(db(), key(), clock)) {
            outbox.enqueue(submission(1));
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key())), equalTo("rw-------"));
        assertThat(Files.readString(key()).strip().length(), is(32));

        Path other = dir.resolve("other.key");
        PayloadKey.create(other);
        OutboxException wrong = assertThrows(OutboxException.class, () -> Outbox.open(db(), other, clock));
        assertThat(wrong.getMessage(), containsString("was sealed with key"));

        // A lost key is never silently replaced: a new one could not read what is stored.
        Path lost = dir.resolve("lost.key");
        OutboxException missing = assertThrows(OutboxException.class, () -> Outbox.open(db(), lost, clock));
        assertThat(missing.getMessage(), containsString("is missing"));
        assertThat(Files.exists(lost), is(false));

        Files.writeString(key(), "not hex at all");
        assertThat(assertThrows(OutboxException.class, () -> Outbox.open(db(), key(), clock)).getMessage(),
                containsString("32 hex characters"));
    }

    @Test
    void anAlteredPayloadIsParkedNotDelivered() throws Exception {
        try (Outbox outbox = Outbox.open(db(), key(), clock)) {
            Transaction a = submission(1);
            Transaction b = submission(2);
            outbox.enqueue(a);
            outbox.enqueue(b);
            // Moving a sealed payload to another row fails its check (the id is the associated data).
            try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + db());
                    PreparedStatement s = raw.prepareStatement("UPDATE transactions SET payload = "
                            + "(SELECT payload FROM transactions WHERE id = ?) WHERE id = ?")) {
                s.setString(1, b.id().toString());
                s.setString(2, a.id().toString());
                s.executeUpdate();
            }
            assertThat(outbox.nextBatch(T0.plusSeconds(1), 100, Long.MAX_VALUE), equalTo(List.of(b)));
            assertThat(outbox.find(a.id()).orElseThrow().rejectCode(), equalTo("LOCAL_UNREADABLE_PAYLOAD"));
        }
    }

    @Test
    void aVersionOneFileIsSealedOnMigration() throws Exception {
        Transaction tx = submission(1);
        Files.createDirectories(db().getParent());
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + db());
                Statement s = raw.createStatement()) {
            s.execute("PRAGMA journal_mode = WAL");
            s.execute("CREATE TABLE transactions (id TEXT PRIMARY KEY, kind TEXT NOT NULL, item_code TEXT, "
                    + "session_id TEXT, created_at INTEGER NOT NULL, payload TEXT NOT NULL, payload_bytes INTEGER "
                    + "NOT NULL, state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER "
                    + "NOT NULL DEFAULT 0, last_error TEXT, receipt_no TEXT, reject_code TEXT, reject_message TEXT, "
                    + "delivered_at INTEGER)");
            s.execute("CREATE TABLE steps (session_id TEXT NOT NULL, step TEXT NOT NULL, completed_at INTEGER "
                    + "NOT NULL, state TEXT, PRIMARY KEY (session_id, step))");
            try (PreparedStatement insert = raw.prepareStatement("INSERT INTO transactions (id, kind, item_code, "
                    + "session_id, created_at, payload, payload_bytes, state) VALUES (?, ?, ?, ?, ?, ?, ?, 'PENDING')")) {
                String payload = new ContractJson().writeTransaction(tx);
                insert.setString(1, tx.id().toString());
                insert.setString(2, "SUBMISSION");
                insert.setString(3, tx.itemCode());
                insert.setString(4, tx.sessionId());
                insert.setLong(5, tx.createdAt().toEpochMilli());
                insert.setString(6, payload);
                insert.setInt(7, payload.getBytes(StandardCharsets.UTF_8).length);
                insert.executeUpdate();
            }
            s.execute("PRAGMA user_version = 1");
        }
        assertThat(contains(rawFiles(), ID_NUMBER), is(true));

        try (Outbox outbox = Outbox.open(db(), key(), clock)) {
            assertThat(outbox.nextBatch(T0.plusSeconds(1), 100, Long.MAX_VALUE), equalTo(List.of(tx)));
        }
        assertThat(contains(rawFiles(), ID_NUMBER), is(false));
        assertThat(contains(rawFiles(), NAME), is(false));
    }

    @Test
    void retentionPurgesDeliveredPayloadsAndKeepsTheJournal() throws Exception {
        try (Outbox outbox = Outbox.open(db(), key(), clock)) {
            Transaction old = submission(1);
            Transaction recent = submission(2);
            Transaction waiting = submission(3);
            for (Transaction t : List.of(old, recent, waiting)) {
                outbox.enqueue(t);
            }
            outbox.record(List.of(TransactionResult.accepted(old.id(), "SB1")));
            clock.advance(java.time.Duration.ofDays(8));
            outbox.record(List.of(TransactionResult.accepted(recent.id(), "SB2")));

            assertThat(outbox.purgeDelivered(clock.instant().minus(java.time.Duration.ofDays(7))), is(1));

            OutboxEntry journal = outbox.find(old.id()).orElseThrow();
            assertThat(journal.state(), is(OutboxState.DELIVERED));
            assertThat(journal.receiptNo(), equalTo("SB1"));
            assertThat(journal.purgedAt(), equalTo(clock.instant()));
            assertThat(outbox.find(recent.id()).orElseThrow().purgedAt(), equalTo(null));
            assertThat(outbox.all(), hasSize(3));
            assertThat(outbox.pendingTransactions(), equalTo(List.of(waiting)));
            try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + db());
                    Statement s = raw.createStatement();
                    var rs = s.executeQuery("SELECT payload IS NULL FROM transactions WHERE id = '" + old.id() + "'")) {
                assertThat(rs.getBoolean(1), is(true));
            }
        }
    }

    @Test
    void aTechnicianReQueuesARejectedTransaction() throws Exception {
        try (Outbox outbox = Outbox.open(db(), key(), clock)) {
            Transaction tx = submission(1);
            outbox.enqueue(tx);
            outbox.record(List.of(TransactionResult.rejected(tx.id(), "TERMINAL_MISMATCH", "wrong terminal")));
            assertThat(outbox.nextBatch(T0.plusSeconds(1), 100, Long.MAX_VALUE), is(empty()));

            assertThat(outbox.retry(tx.id()), is(true));
            assertThat(outbox.retry(tx.id()), is(false)); // no longer rejected
            OutboxEntry e = outbox.find(tx.id()).orElseThrow();
            assertThat(e.state(), is(OutboxState.PENDING));
            assertThat(e.rejectCode(), equalTo(null));
            assertThat(outbox.nextBatch(T0.plusSeconds(1), 100, Long.MAX_VALUE), equalTo(List.of(tx)));
        }
    }
}
