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

/** The PIN rules without a screen: salted slow hashes, roles, five wrong PINs lock for 15 minutes. */
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
    void fiveWrongPinsLockEntryForFifteenMinutesAndEveryAttemptIsJournalled() throws Exception {
        try (Journal journal = Journal.open(dir.resolve("journal"), clock, ZoneOffset.UTC)) {
            MaintenanceAccess access = new MaintenanceAccess(pins(), clock, journal);
            assertThat(access.enter("97531864"), equalTo(new MaintenanceAccess.Outcome.Granted(Role.OPERATOR, "hall-1")));
            for (int i = 1; i <= 4; i++) {
                assertThat(access.enter("31415926"), equalTo(new MaintenanceAccess.Outcome.Wrong(5 - i)));
            }
            assertThat(access.enter("11111111"), instanceOf(MaintenanceAccess.Outcome.LockedOut.class));
            // Locked: even the right PIN is refused.
            clock.advance(Duration.ofMinutes(14));
            assertThat(access.enter("24681357"), instanceOf(MaintenanceAccess.Outcome.LockedOut.class));
            clock.advance(Duration.ofMinutes(1).plusSeconds(1));
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
}
