package org.tongban.kiosk.outbox;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.tongban.kiosk.platform.Applicant;
import org.tongban.kiosk.platform.IdType;
import org.tongban.kiosk.platform.Transaction;

/**
 * A full disk, a read-only data folder and a damaged file: the outbox refuses new work whole, keeps what it has,
 * says why, and works again when the condition clears.
 *
 * <p>The full disk is SQLite's {@code max_page_count} and the read-only folder its {@code query_only}, set on
 * the outbox's own connection: a real full file system or read-only mount needs privileges CI does not have
 * (mount, loop devices), and tests run as root, for whom file modes do not stop writes. SQLite answers with the
 * same result codes (SQLITE_FULL, SQLITE_READONLY) it gives for the real conditions.
 */
class OutboxStorageTest {

    private static final Instant T0 = Instant.parse("2026-11-21T01:00:00Z");
    private static final Applicant LI = new Applicant(IdType.RESIDENT_ID, "110105194912310029", "李四");

    @TempDir
    Path dir;
    private final TestClock clock = new TestClock(T0);

    private Path db() {
        return dir.resolve("data/outbox.db");
    }

    private Outbox open() throws OutboxException {
        return Outbox.open(db(), dir.resolve("outbox.key"), clock);
    }

    private static Transaction submission(int i) {
        return Transaction.submission("YN-KM-GD-0001", "s" + i, T0.plusMillis(i), "EMP-REG-UNEMP", LI,
                Map.of("reason", "x".repeat(2000)), List.of());
    }

    private static StepRecord step(int i) {
        return new StepRecord("s" + i, "EMP-REG-UNEMP/submit", T0, "{}");
    }

    @Test
    void aFullDiskRefusesSubmissionsWholeAndRecovers() throws Exception {
        try (Outbox outbox = open()) {
            List<Optional<StorageProblem>> heard = new ArrayList<>();
            outbox.addStorageListener(heard::add);
            outbox.completeStep(step(0), List.of(submission(0)));
            try (Statement s = outbox.connectionForTests().createStatement()) {
                long pages;
                try (var rs = s.executeQuery("PRAGMA page_count")) {
                    pages = rs.getLong(1);
                }
                s.execute("PRAGMA max_page_count = " + pages);
            }
            OutboxException full = null;
            int stored = 1;
            for (int i = 1; i < 200 && full == null; i++) {
                try {
                    outbox.completeStep(step(i), List.of(submission(i), submission(1000 + i)));
                    stored += 2;
                } catch (OutboxException e) {
                    full = e;
                    // Neither the step nor either transaction of the failed submission is there.
                    assertThat(outbox.findStep("s" + i, "EMP-REG-UNEMP/submit"), equalTo(Optional.empty()));
                    assertThat(outbox.find(submission(i).id()), equalTo(Optional.empty()));
                }
            }
            assertThat("the page limit was reached", full != null, is(true));
            assertThat(full.getMessage(), containsString("full"));
            assertThat(outbox.storageProblem().orElseThrow().kind(), is(StorageProblem.Kind.DISK_FULL));
            assertThat(outbox.status().pending(), is((long) stored)); // what it had, it keeps

            try (Statement s = outbox.connectionForTests().createStatement()) {
                s.execute("PRAGMA max_page_count = 1073741823");
            }
            outbox.completeStep(step(500), List.of(submission(500)));
            assertThat(outbox.storageProblem(), equalTo(Optional.empty()));
            assertThat(heard, hasSize(2));
            assertThat(heard.get(1), equalTo(Optional.empty()));
        }
    }

    @Test
    void aReadOnlyFolderRefusesSubmissionsButStillReadsAndRecovers() throws Exception {
        try (Outbox outbox = open()) {
            outbox.enqueue(submission(0));
            try (Statement s = outbox.connectionForTests().createStatement()) {
                s.execute("PRAGMA query_only = 1");
            }
            OutboxException e = assertThrows(OutboxException.class,
                    () -> outbox.completeStep(step(1), List.of(submission(1))));
            assertThat(e.getMessage(), containsString("readonly"));
            assertThat(outbox.storageProblem().orElseThrow().kind(), is(StorageProblem.Kind.READ_ONLY));
            assertThat(outbox.all(), hasSize(1)); // technicians can still look

            try (Statement s = outbox.connectionForTests().createStatement()) {
                s.execute("PRAGMA query_only = 0");
            }
            outbox.completeStep(step(1), List.of(submission(1)));
            assertThat(outbox.storageProblem(), equalTo(Optional.empty()));
            assertThat(outbox.status().pending(), is(2L));
        }
    }

    @Test
    void aDamagedFileIsMovedAsideReportedAndWhatIsReadableSalvaged() throws Exception {
        List<Transaction> txs = new ArrayList<>();
        try (Outbox outbox = open()) {
            for (int i = 0; i < 40; i++) {
                txs.add(submission(i));
                outbox.enqueue(txs.get(i));
            }
        }
        long size = Files.size(db());
        try (RandomAccessFile f = new RandomAccessFile(db().toFile(), "rw")) {
            // Trash the last pages: the b-tree pages that hold the newest rows.
            f.seek(size - 3 * 4096);
            f.write(new byte[3 * 4096 - 100]);
        }

        try (Outbox outbox = open()) {
            assertThat(outbox.notices(), hasSize(2));
            assertThat(outbox.notices().get(0), containsString("was damaged"));
            assertThat(outbox.notices().get(1), startsWith("salvaged "));
            try (Stream<Path> files = Files.list(db().getParent())) {
                assertThat(files.filter(p -> p.getFileName().toString().matches("outbox\\.db\\.corrupt-\\d{8}-\\d{6}"))
                        .count(), is(1L));
            }
            // The new file works; what was salvaged is a subset of what was there, readable.
            long salvaged = outbox.status().pending();
            assertThat(salvaged > 0 && salvaged <= txs.size(), is(true));
            outbox.enqueue(submission(100));
            assertThat(outbox.status().pending(), is(salvaged + 1));
        }
    }

    @Test
    void aFileThatIsNotADatabaseIsMovedAsideNotOverwritten() throws Exception {
        Files.createDirectories(db().getParent());
        Files.writeString(db(), "this is not an SQLite file, just text ".repeat(100));
        try (Outbox outbox = open()) {
            assertThat(outbox.notices().get(0), containsString("moved aside to"));
            assertThat(outbox.status().pending(), is(0L));
        }
        try (Stream<Path> files = Files.list(db().getParent())) {
            Path aside = files.filter(p -> p.getFileName().toString().startsWith("outbox.db.corrupt-"))
                    .findFirst().orElseThrow();
            assertThat(Files.readString(aside), startsWith("this is not an SQLite file"));
        }
    }
}
