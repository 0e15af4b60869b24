package org.tongban.kiosk.admin;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.kiosk.config.ConfigException;
import org.tongban.kiosk.journal.Journal;
import org.tongban.kiosk.journal.JournalEntry;
import org.tongban.kiosk.journal.JournalKind;
import org.tongban.kiosk.session.MutableClock;
import org.tongban.kiosk.session.SessionManager;

/**
 * The PIN rules without a screen: salted slow hashes, roles, five wrong PINs from one source lock that source
 * for a minute, then twice as long each time; the count survives a restart.
 */
class MaintenanceAccessTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T08:00:00Z"), ZoneOffset.UTC);

    private MaintenanceConfig pins() {
        SecureRandom r = new SecureRandom();
        return new MaintenanceConfig(List.of(
                new MaintenanceConfig.Pin("tech-1", Role.TECHNICIAN, PinHash.create("24681357", r, 5000)),
                new MaintenanceConfig.Pin("hall-1", Role.OPERATOR, PinHash.create("97531864", r, 5000))), null);
    }

    @Test
    void aPinIsStoredSaltedAndSlowNeverInClear() {
        String a = PinHash.create("24681357", new SecureRandom());
        String b = PinHash.create("24681357", new SecureRandom());
        assertThat(a, not(containsString("24681357")));
        assertThat(a.equals(b), is(false)); // salted
        assertThat(a, containsString("$" + PinHash.ITERATIONS + "$"));
        assertThat(PinHash.matches("24681357", a), is(true));
        assertThat(PinHash.matches("24681358", a), is(false));
        assertThat(PinHash.wellFormed("24681357"), is(false));
    }

    @Test
    void fiveWrongPinsLockTheKeypadAndEveryAttemptIsJournalled() throws Exception {
        try (Journal journal = Journal.open(dir.resolve("journal"), clock, ZoneOffset.UTC)) {
            MaintenanceAccess access = new MaintenanceAccess(pins(), clock, journal);
            assertThat(access.enter("97531864"), equalTo(new MaintenanceAccess.Outcome.Granted(Role.OPERATOR, "hall-1")));
            for (int i = 1; i <= 4; i++) {
                assertThat(access.enter("31415926"), equalTo(new MaintenanceAccess.Outcome.Wrong(5 - i)));
            }
            assertThat(access.enter("11111111"), instanceOf(MaintenanceAccess.Outcome.LockedOut.class));
            // Locked: even the right PIN is refused.
            clock.advance(Duration.ofSeconds(59));
            assertThat(access.enter("24681357"), instanceOf(MaintenanceAccess.Outcome.LockedOut.class));
            clock.advance(Duration.ofSeconds(2));
            assertThat(access.lockedUntil().isPresent(), is(false));
            assertThat(access.enter("24681357"), equalTo(new MaintenanceAccess.Outcome.Granted(Role.TECHNICIAN, "tech-1")));

            List<JournalKind> kinds = journal.read(null, null).stream().map(JournalEntry::kind).toList();
            assertThat(kinds, equalTo(List.of(JournalKind.MAINTENANCE_LOGIN,
                    JournalKind.MAINTENANCE_LOGIN_FAILED, JournalKind.MAINTENANCE_LOGIN_FAILED,
                    JournalKind.MAINTENANCE_LOGIN_FAILED, JournalKind.MAINTENANCE_LOGIN_FAILED,
                    JournalKind.MAINTENANCE_LOGIN_FAILED, JournalKind.MAINTENANCE_LOCKED_OUT,
                    JournalKind.MAINTENANCE_LOGIN_FAILED, JournalKind.MAINTENANCE_LOGIN)));
            for (Path f : Journal.files(journal.dir())) {
                assertThat(Files.readString(f), not(containsString("31415926")));
            }
        }
    }

    @Test
    void theModeEndsAnyVisitAndClosesItselfWhenLeftIdle() throws Exception {
        try (Journal journal = Journal.open(dir.resolve("journal"), clock, ZoneOffset.UTC)) {
            SessionManager sessions = new SessionManager(clock, dir.resolve("sessions"), Duration.ofSeconds(60),
                    Duration.ofSeconds(20), 2.0);
            sessions.startOrContinue(org.tongban.kiosk.session.Session.Trigger.TOUCH);
            Maintenance mode = new Maintenance(new MaintenanceAccess(pins(), clock, journal), sessions, journal, clock,
                    Duration.ofSeconds(180));
            mode.requestEntry();
            assertThat(sessions.current().isPresent(), is(false));
            "24681357".chars().forEach(c -> mode.digit(c - '0'));
            assertThat(mode.pinLength(), equalTo(8));
            mode.submitPin();
            assertThat(mode.role().orElseThrow(), equalTo(Role.TECHNICIAN));
            assertThat(mode.page(), equalTo(Maintenance.Page.DASHBOARD));
            clock.advance(Duration.ofSeconds(179));
            mode.tick();
            assertThat(mode.active(), is(true));
            clock.advance(Duration.ofSeconds(2));
            mode.tick();
            assertThat(mode.active(), is(false));
            assertThat(mode.role().isPresent(), is(false));
        }
    }

    @Test
    void aBadMaintenanceFileIsNamedWithItsLine() throws Exception {
        Files.writeString(dir.resolve(MaintenanceConfig.FILE), "pins:\n  - label: Zhang San\n    role: TECHNICIAN\n"
                + "    hash: \"1234\"\n");
        try {
            MaintenanceConfig.load(dir);
            throw new AssertionError("accepted a bad file");
        } catch (ConfigException e) {
            assertThat(e.getMessage(), containsString("maintenance.yaml:2"));
            assertThat(e.getMessage(), containsString("maintenance.yaml:4"));
        }
        assertThat(MaintenanceConfig.load(dir.resolve("none")).pins().isEmpty(), is(true));
    }

    private void wrong(MaintenanceAccess access, String source, int times) {
        for (int i = 0; i < times; i++) {
            access.enter(source, "31415926");
        }
    }

    @Test
    void theLockoutSurvivesARestartOfTheKiosk() throws Exception {
        Path state = dir.resolve("data/maintenance-lockout.json");
        try (Journal journal = Journal.open(dir.resolve("journal"), clock, ZoneOffset.UTC)) {
            MaintenanceAccess before = new MaintenanceAccess(pins(), clock, journal, state);
            wrong(before, MaintenanceAccess.SCREEN, 3);
            MaintenanceAccess afterRestart = new MaintenanceAccess(pins(), clock, journal, state);
            assertThat(afterRestart.enter("31415926"), equalTo(new MaintenanceAccess.Outcome.Wrong(1)));
            assertThat(afterRestart.enter("31415926"), instanceOf(MaintenanceAccess.Outcome.LockedOut.class));

            MaintenanceAccess again = new MaintenanceAccess(pins(), clock, journal, state);
            assertThat(again.lockedUntil().isPresent(), is(true));
            assertThat(again.enter("24681357"), instanceOf(MaintenanceAccess.Outcome.LockedOut.class));
        }
    }

    @Test
    void aPasserByLocksOnlyTheirOwnSourceAndOnlyForAGrowingWhile() throws Exception {
        try (Journal journal = Journal.open(dir.resolve("journal"), clock, ZoneOffset.UTC)) {
            MaintenanceAccess access = new MaintenanceAccess(pins(), clock, journal, dir.resolve("state.json"));
            wrong(access, MaintenanceAccess.SCREEN, 5);
            Instant first = access.lockedUntil().orElseThrow();
            assertThat(Duration.between(clock.instant(), first), equalTo(Duration.ofMinutes(1)));
            // another input source (e.g. a keyboard inside the cabinet) is not locked by the screen's guesser
            assertThat(access.enter("cabinet-keyboard", "24681357"),
                    equalTo(new MaintenanceAccess.Outcome.Granted(Role.TECHNICIAN, "tech-1")));

            clock.advance(Duration.ofMinutes(1));
            wrong(access, MaintenanceAccess.SCREEN, 5);
            assertThat(Duration.between(clock.instant(), access.lockedUntil().orElseThrow()),
                    equalTo(Duration.ofMinutes(2)));
            for (int lockout = 3; lockout <= 6; lockout++) {
                clock.advance(access.lockedUntil().map(u -> Duration.between(clock.instant(), u)).orElseThrow());
                wrong(access, MaintenanceAccess.SCREEN, 5);
            }
            assertThat(Duration.between(clock.instant(), access.lockedUntil().orElseThrow()),
                    equalTo(MaintenanceAccess.LOCKOUT));

            // a right PIN once the wait is over starts the source afresh
            clock.advance(MaintenanceAccess.LOCKOUT);
            assertThat(access.enter("24681357"), instanceOf(MaintenanceAccess.Outcome.Granted.class));
            wrong(access, MaintenanceAccess.SCREEN, 5);
            assertThat(Duration.between(clock.instant(), access.lockedUntil().orElseThrow()),
                    equalTo(Duration.ofMinutes(1)));
        }
    }

    @Test
    void weakPinHashesAreRefusedWhenTheFileIsLoaded() throws Exception {
        SecureRandom r = new SecureRandom();
        Files.writeString(dir.resolve(MaintenanceConfig.FILE), "pins:\n"
                + "  - label: tech-1\n    role: TECHNICIAN\n    hash: \"" + PinHash.create("24681357", r, 5000) + "\"\n"
                + "  - label: tech-2\n    role: TECHNICIAN\n    hash: \"" + PinHash.create("24681357", r) + "\"\n"
                + "  - label: tech-3\n    role: TECHNICIAN\n    hash: \"pbkdf2-sha256$210000$AAAA$"
                + java.util.Base64.getEncoder().withoutPadding().encodeToString(new byte[32]) + "\"\n");
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> MaintenanceConfig.load(dir));
        assertThat(e.problems().size(), equalTo(2));
        assertThat(e.problems().get(0).toString(), containsString("maintenance.yaml:4: pin 'tech-1' hash is too weak "
                + "(5000 iterations, fewer than 100000)"));
        assertThat(e.problems().get(1).toString(), containsString("maintenance.yaml:10: pin 'tech-3' hash is too weak "
                + "(a salt of 3 bytes, shorter than 16)"));
    }
}
