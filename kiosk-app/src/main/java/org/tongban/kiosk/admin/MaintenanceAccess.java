package org.tongban.kiosk.admin;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tongban.kiosk.journal.Journal;
import org.tongban.kiosk.journal.JournalKind;

/**
 * The PIN check at the door of maintenance mode. Five wrong PINs in a row from one input source (the
 * on-screen keypad is {@value #SCREEN}) make that source wait, and each further lockout of it waits twice as
 * long: one minute, two, four, up to fifteen. So a passer-by who tries PINs slows down only the keypad they
 * use, and a technician who comes after them waits at most the current delay, not a fixed quarter of an hour;
 * a right PIN, or an hour without a wrong one, starts the source afresh. The count is kept in a file of the
 * data folder, so starting the kiosk again does not reset it. Every attempt goes into the journal; a PIN is
 * never logged.
 */
public final class MaintenanceAccess {

    public static final int MAX_WRONG = 5;
    /** The first lockout of a source. */
    public static final Duration FIRST_LOCKOUT = Duration.ofMinutes(1);
    /** The longest a source waits, however often it was locked. */
    public static final Duration LOCKOUT = Duration.ofMinutes(15);
    /** A source without a wrong PIN for this long starts afresh. */
    public static final Duration FORGET_AFTER = Duration.ofHours(1);
    /** The on-screen PIN keypad in the hall. */
    public static final String SCREEN = "screen";

    private static final Logger log = LoggerFactory.getLogger(MaintenanceAccess.class);

    /** What the keypad shows after a PIN was entered. */
    public sealed interface Outcome {
        record Granted(Role role, String label) implements Outcome {
        }

        record Wrong(int triesLeft) implements Outcome {
        }

        record LockedOut(Instant until) implements Outcome {
        }
    }

    /** One input source's count, as kept in the state file. */
    record SourceState(int wrongInARow, int lockouts, Instant lockedUntil, Instant lastWrong) {
        static final SourceState FRESH = new SourceState(0, 0, Instant.EPOCH, Instant.EPOCH);
    }

    private final MaintenanceConfig config;
    private final Clock clock;
    private final Journal journal;
    private final Path stateFile;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final Map<String, SourceState> sources = new LinkedHashMap<>();

    /** Without a state file: the count lives as long as this object (tests, tools). */
    public MaintenanceAccess(MaintenanceConfig config, Clock clock, Journal journal) {
        this(config, clock, journal, null);
    }

    /** @param stateFile where the counts are kept across restarts, in the data folder */
    public MaintenanceAccess(MaintenanceConfig config, Clock clock, Journal journal, Path stateFile) {
        this.config = config;
        this.clock = clock;
        this.journal = journal;
        this.stateFile = stateFile;
        if (stateFile != null && Files.exists(stateFile)) {
            try {
                sources.putAll(json.readValue(stateFile.toFile(), new TypeReference<Map<String, SourceState>>() { }));
            } catch (IOException e) {
                // unreadable: start from one lockout everywhere rather than from none (never easier for a guesser)
                log.warn("maintenance lockout state {} unreadable ({}); every source starts locked once", stateFile,
                        e.getMessage());
                Instant until = clock.instant().plus(FIRST_LOCKOUT);
                sources.put(SCREEN, new SourceState(0, 1, until, clock.instant()));
            }
        }
    }

    /** Until when the on-screen keypad is locked, or empty when a PIN may be tried. */
    public Optional<Instant> lockedUntil() {
        return lockedUntil(SCREEN);
    }

    public synchronized Optional<Instant> lockedUntil(String source) {
        Instant until = state(source).lockedUntil();
        return clock.instant().isBefore(until) ? Optional.of(until) : Optional.empty();
    }

    /** A PIN from the on-screen keypad. */
    public Outcome enter(String pin) {
        return enter(SCREEN, pin);
    }

    public synchronized Outcome enter(String source, String pin) {
        Instant now = clock.instant();
        SourceState s = state(source);
        if (now.isBefore(s.lockedUntil())) {
            journal.note(JournalKind.MAINTENANCE_LOGIN_FAILED, Map.of("why", "locked out"));
            return new Outcome.LockedOut(s.lockedUntil());
        }
        for (MaintenanceConfig.Pin p : config.pins()) {
            if (PinHash.matches(pin, p.hash())) {
                save(source, SourceState.FRESH);
                journal.note(JournalKind.MAINTENANCE_LOGIN, Map.of("pin", p.label(), "role", p.role().name()));
                return new Outcome.Granted(p.role(), p.label());
            }
        }
        int wrong = s.wrongInARow() + 1;
        journal.note(JournalKind.MAINTENANCE_LOGIN_FAILED, Map.of("why", "wrong PIN", "inARow", String.valueOf(wrong)));
        if (wrong >= MAX_WRONG) {
            int lockouts = s.lockouts() + 1;
            Instant until = now.plus(backOff(lockouts));
            save(source, new SourceState(0, lockouts, until, now));
            journal.note(JournalKind.MAINTENANCE_LOCKED_OUT, Map.of("until", until.toString()));
            return new Outcome.LockedOut(until);
        }
        save(source, new SourceState(wrong, s.lockouts(), s.lockedUntil(), now));
        return new Outcome.Wrong(MAX_WRONG - wrong);
    }

    /** The n-th lockout in a row waits 1, 2, 4, 8 minutes..., at most {@link #LOCKOUT}. */
    static Duration backOff(int lockouts) {
        Duration d = FIRST_LOCKOUT.multipliedBy(1L << Math.min(lockouts - 1, 20));
        return d.compareTo(LOCKOUT) > 0 ? LOCKOUT : d;
    }

    private SourceState state(String source) {
        SourceState s = sources.getOrDefault(source, SourceState.FRESH);
        boolean forgotten = clock.instant().isAfter(s.lastWrong().plus(FORGET_AFTER))
                && !clock.instant().isBefore(s.lockedUntil());
        return forgotten ? SourceState.FRESH : s;
    }

    private void save(String source, SourceState s) {
        sources.put(source, s);
        if (stateFile == null) {
            return;
        }
        try {
            Path tmp = stateFile.resolveSibling(stateFile.getFileName() + ".tmp");
            Files.createDirectories(stateFile.toAbsolutePath().getParent());
            json.writeValue(tmp.toFile(), sources);
            try {
                Files.move(tmp, stateFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, stateFile, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // the count still holds in memory; the journal has every attempt
            log.warn("cannot keep the maintenance lockout state in {}: {}", stateFile, e.getMessage());
        }
    }
}
