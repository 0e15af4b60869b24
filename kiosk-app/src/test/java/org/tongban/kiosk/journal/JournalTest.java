package org.tongban.kiosk.journal;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.kiosk.cli.KioskCommand;
import org.tongban.kiosk.session.MutableClock;
import picocli.CommandLine;

/** The journal's chain on real files, and each kind of tampering named by {@code journal verify}. */
class JournalTest {

    private static final LocalDate DAY1 = LocalDate.of(2026, 11, 20);
    private static final LocalDate DAY2 = LocalDate.of(2026, 11, 21);

    @TempDir
    Path data;
    private Path dir;
    private MutableClock clock;

    /** Five entries on day 1 and five on day 2 (numbers 1..10). */
    @BeforeEach
    void writeTwoDays() throws Exception {
        dir = data.resolve(Journal.DIR);
        clock = new MutableClock(DAY1.atTime(9, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
        try (Journal j = Journal.open(dir, clock, ZoneOffset.UTC)) {
            for (int i = 1; i <= 5; i++) {
                j.record(JournalKind.SESSION_STARTED, Map.of("session", "s-" + i));
                clock.advance(Duration.ofMinutes(10));
            }
        }
        clock.advance(Duration.ofDays(1));
        // Reopened (as after a restart): the chain goes on from the last entry on disk.
        try (Journal j = Journal.open(dir, clock, ZoneOffset.UTC)) {
            assertThat(j.lastSeq(), equalTo(5L));
            for (int i = 6; i <= 10; i++) {
                j.record(i % 2 == 0 ? JournalKind.PRINT_DONE : JournalKind.PRINT_FAILED,
                        Map.of("session", "s-" + i, "pages", String.valueOf(i)));
                clock.advance(Duration.ofMinutes(10));
            }
        }
    }

    private Path day(LocalDate d) {
        return dir.resolve(Journal.fileName(d));
    }

    private JournalVerifier.Result verify() throws Exception {
        try (Journal j = Journal.open(dir, clock, ZoneOffset.UTC)) {
            return new JournalVerifier(j).verify(null, null);
        }
    }

    private static List<String> lines(Path f) throws Exception {
        return new ArrayList<>(Files.readAllLines(f, StandardCharsets.UTF_8));
    }

    private static void write(Path f, List<String> lines) throws Exception {
        Files.write(f, lines, StandardCharsets.UTF_8);
    }

    private static List<String> kinds(JournalVerifier.Result r) {
        return r.problems().stream().map(p -> p.kind() + " " + p.seq()).toList();
    }

    @Test
    void anUntouchedJournalVerifiesAcrossDaysAndRotatesDaily() throws Exception {
        assertThat(Journal.files(dir), contains(day(DAY1), day(DAY2)));
        assertThat(lines(day(DAY1)), hasSize(5));
        JournalVerifier.Result r = verify();
        assertThat(r.problems(), empty());
        assertThat(r.entries(), equalTo(10));
        assertThat(r.lastSeq(), equalTo(10L));
        // Day 2's first entry carries the hash of day 1's last.
        try (Journal j = Journal.open(dir, clock, ZoneOffset.UTC)) {
            List<JournalEntry> entries = j.read(null, null);
            assertThat(entries.get(5).prev(), equalTo(entries.get(4).hash()));
            assertThat(entries.get(0).prev(), equalTo(Journal.GENESIS));
            assertThat(new JournalVerifier(j).verify(DAY2, DAY2).problems(), empty());
        }
    }

    @Test
    void anEditedEntryIsNamed() throws Exception {
        List<String> l = lines(day(DAY1));
        l.set(2, l.get(2).replace("s-3", "s-9"));
        write(day(DAY1), l);
        JournalVerifier.Result r = verify();
        assertThat(kinds(r), contains("EDITED 3"));
        assertThat(r.problems().get(0).line(), equalTo(3));
    }

    @Test
    void aDeletedEntryIsNamed() throws Exception {
        List<String> l = lines(day(DAY2));
        l.remove(1); // entry 7
        write(day(DAY2), l);
        JournalVerifier.Result r = verify();
        assertThat(kinds(r), contains("DELETED 7"));
        assertThat(r.problems().get(0).what(), containsString("entry 7 is missing"));
    }

    @Test
    void aDeletedLastEntryOfADayShowsInTheNextDay() throws Exception {
        List<String> l = lines(day(DAY1));
        l.remove(4); // entry 5
        write(day(DAY1), l);
        assertThat(kinds(verify()), contains("DELETED 5"));
    }

    @Test
    void anInsertedEntryClaimingATakenNumberIsNamed() throws Exception {
        // A well-formed entry with a correct own hash, linked to entry 2 and numbered 3, as a forger would write it.
        try (Journal j = Journal.open(dir, clock, ZoneOffset.UTC)) {
            JournalEntry two = j.read(DAY1, DAY1).get(1);
            Instant at = two.at().plusSeconds(1);
            Map<String, String> d = Map.of("session", "forged");
            JournalEntry forged = new JournalEntry(3, at, JournalKind.SESSION_ENDED, d, two.hash(),
                    j.hash(3, at, JournalKind.SESSION_ENDED, d, two.hash()));
            List<String> l = lines(day(DAY1));
            l.add(2, j.line(forged));
            write(day(DAY1), l);
        }
        JournalVerifier.Result r = verify();
        assertThat(kinds(r), contains("INSERTED 3"));
        assertThat(r.problems().get(0).line(), equalTo(3));
    }

    @Test
    void anInsertedEntryWithANumberOfItsOwnIsNamed() throws Exception {
        List<String> l = lines(day(DAY2));
        l.add(2, l.get(2).replace("\"seq\":8", "\"seq\":99").replaceAll("\"prev\":\"[0-9a-f]{64}\"",
                "\"prev\":\"" + "ab".repeat(32) + "\"").replaceAll("\"hash\":\"[0-9a-f]{64}\"",
                "\"hash\":\"" + "cd".repeat(32) + "\""));
        write(day(DAY2), l);
        assertThat(kinds(verify()), contains("INSERTED 99"));
    }

    @Test
    void reorderedEntriesAreNamed() throws Exception {
        List<String> l = lines(day(DAY2));
        String seven = l.get(1);
        l.set(1, l.get(2));
        l.set(2, seven);
        write(day(DAY2), l);
        JournalVerifier.Result r = verify();
        assertThat(kinds(r), contains("REORDERED 7"));
    }

    @Test
    void anEntryRewrittenWithAFreshHashBreaksTheLinkOfTheNext() throws Exception {
        try (Journal j = Journal.open(dir, clock, ZoneOffset.UTC)) {
            JournalEntry four = j.read(DAY1, DAY1).get(3);
            Map<String, String> d = Map.of("session", "other");
            JournalEntry rewritten = new JournalEntry(4, four.at(), four.kind(), d, four.prev(),
                    j.hash(4, four.at(), four.kind(), d, four.prev()));
            List<String> l = lines(day(DAY1));
            l.set(3, j.line(rewritten));
            write(day(DAY1), l);
        }
        // Its own hash is right, but entry 5 still links to the genuine entry 4.
        JournalVerifier.Result r = verify();
        assertThat(kinds(r), contains("BROKEN_LINK 5"));
        assertThat(r.problems().get(0).what(), containsString("entry 4 was rewritten"));
    }

    @Test
    void aTornLineIsReportedAndTheChainGoesOn() throws Exception {
        Files.writeString(day(DAY2), "{\"seq\":11,\"at\":\"20", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        JournalVerifier.Result r = verify();
        assertThat(kinds(r), contains("UNREADABLE 0"));
        try (Journal j = Journal.open(dir, clock, ZoneOffset.UTC)) {
            assertThat(j.lastSeq(), equalTo(10L));
        }
    }

    @Test
    void personalDataIsRefused() throws Exception {
        try (Journal j = Journal.open(dir, clock, ZoneOffset.UTC)) {
            assertThrows(IllegalArgumentException.class,
                    () -> j.record(JournalKind.SESSION_STARTED, Map.of("who", "11010519491231002X")));
            assertThrows(IllegalArgumentException.class,
                    () -> j.record(JournalKind.SESSION_STARTED, Map.of("phone", "13812345678")));
            assertThat(j.lastSeq(), equalTo(10L));
        }
        assertThat(verify().ok(), is(true));
    }

    @Test
    void theCommandsVerifyAndExport() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = KioskCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        Path noConfig = data.resolve("no-config");
        assertThat(cli.execute("journal", "verify", "--config", noConfig.toString(), "--data-dir", data.toString()),
                equalTo(0));
        assertThat(out.toString(), containsString("10 entries"));

        Path export = data.resolve("export.jsonl");
        assertThat(cli.execute("journal", "export", "--config", noConfig.toString(), "--data-dir", data.toString(),
                "--from", DAY2.toString(), "--to", DAY2.toString(), "--out", export.toString()), equalTo(0));
        assertThat(lines(export), equalTo(lines(day(DAY2))));

        List<String> l = lines(day(DAY1));
        l.remove(0);
        write(day(DAY1), l);
        assertThat(cli.execute("journal", "verify", "--config", noConfig.toString(), "--data-dir", data.toString(),
                "--from", DAY1.toString(), "--to", DAY2.toString()), equalTo(1));
        assertThat(err.toString(), containsString("DELETED"));
    }
}
