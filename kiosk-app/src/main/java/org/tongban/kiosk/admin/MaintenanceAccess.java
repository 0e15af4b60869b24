package org.tongban.kiosk.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.tongban.kiosk.journal.Journal;
import org.tongban.kiosk.journal.JournalKind;

/**
 * The PIN check at the door of maintenance mode: five wrong PINs in a row lock entry for fifteen
 * minutes (whichever PIN was tried), every attempt goes into the journal, and a PIN is never logged.
 */
public final class MaintenanceAccess {

    public static final int MAX_WRONG = 5;
    public static final Duration LOCKOUT = Duration.ofMinutes(15);

    /** What the keypad shows after a PIN was entered. */
    public sealed interface Outcome {
        record Granted(Role role, String label) implements Outcome {
        }

        record Wrong(int triesLeft) implements Outcome {
        }

        record LockedOut(Instant until) implements Outcome {
        }
    }

    private final MaintenanceConfig config;
    private final Clock clock;
    private final Journal journal;
    private int wrongInARow;
    private Instant lockedUntil = Instant.MIN;

    public MaintenanceAccess(MaintenanceConfig config, Clock clock, Journal journal) {
        this.config = config;
        this.clock = clock;
        this.journal = journal;
    }

    /** Until when entry is locked, or empty when a PIN may be tried. */
    public synchronized Optional<Instant> lockedUntil() {
        return clock.instant().isBefore(lockedUntil) ? Optional.of(lockedUntil) : Optional.empty();
    }

    public synchronized Outcome enter(String pin) {
        Instant now = clock.instant();
        if (now.isBefore(lockedUntil)) {
            journal.note(JournalKind.MAINTENANCE_LOGIN_FAILED, Map.of("why", "locked out"));
            return new Outcome.LockedOut(lockedUntil);
        }
        for (MaintenanceConfig.Pin p : config.pins()) {
            if (PinHash.matches(pin, p.hash())) {
                wrongInARow = 0;
                journal.note(JournalKind.MAINTENANCE_LOGIN, Map.of("pin", p.label(), "role", p.role().name()));
                return new Outcome.Granted(p.role(), p.label());
            }
        }
        wrongInARow++;
        journal.note(JournalKind.MAINTENANCE_LOGIN_FAILED, Map.of("why", "wrong PIN",
                "inARow", String.valueOf(wrongInARow)));
        if (wrongInARow >= MAX_WRONG) {
            wrongInARow = 0;
            lockedUntil = now.plus(LOCKOUT);
            journal.note(JournalKind.MAINTENANCE_LOCKED_OUT, Map.of("until", lockedUntil.toString()));
            return new Outcome.LockedOut(lockedUntil);
        }
        return new Outcome.Wrong(MAX_WRONG - wrongInARow);
    }
}
