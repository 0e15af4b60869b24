package org.tongban.kiosk.doctor;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import org.tongban.kiosk.journal.Journal;
import org.tongban.kiosk.journal.JournalVerifier;

/** The journal of today and yesterday verifies (the full check is {@code ./kiosk journal verify}). */
public final class JournalCheck implements Check {

    private final Path dir;
    private final Clock clock;

    public JournalCheck(Path dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
    }

    @Override
    public Finding run() {
        LocalDate today = LocalDate.now(clock);
        try (Journal j = Journal.open(dir, clock, ZoneId.systemDefault())) {
            JournalVerifier.Result r = new JournalVerifier(j).verify(today.minusDays(1), today);
            if (r.ok()) {
                return Finding.ok("journal", r.entries() + " entries since yesterday, chain intact");
            }
            return Finding.warn("journal", r.problems().size() + " problem(s), first: " + r.problems().get(0),
                    "./kiosk journal verify lists them all; keep the files as they are and report it");
        } catch (IOException e) {
            return Finding.warn("journal", "cannot read " + dir + ": " + e.getMessage(), "check the data folder");
        }
    }
}
