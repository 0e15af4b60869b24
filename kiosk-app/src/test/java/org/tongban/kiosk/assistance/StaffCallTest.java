package org.tongban.kiosk.assistance;

import static org.tongban.kiosk.testing.Eventually.until;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.kiosk.app.Demo;
import org.tongban.kiosk.flow.Navigator;
import org.tongban.kiosk.journal.Journal;
import org.tongban.kiosk.journal.JournalEntry;
import org.tongban.kiosk.journal.JournalKind;

/** "Call staff" on a whole demo terminal: journalled, carried by the heartbeat to the platform over loopback. */
class StaffCallTest {

    @Test
    void aCallIsJournalledAndReachesThePlatformUntilStaffAnswer() throws Exception {
        try (Demo demo = new Demo(0)) {
            until(() -> demo.terminal().sync().reachability().online());
            String terminalId = demo.terminal().config().kiosk().terminal().id();
            Navigator nav = demo.terminal().navigator();
            nav.touch();
            nav.callStaff();
            assertThat(demo.terminal().staffCall().waitingSince().isPresent(), is(true));

            demo.terminal().sync().syncNow();
            until(() -> demo.platform().assistanceRequested(terminalId));

            nav.staffArrived();
            assertThat(demo.terminal().staffCall().waitingSince().isPresent(), is(false));
            demo.terminal().sync().syncNow();
            until(() -> !demo.platform().assistanceRequested(terminalId));

            List<JournalEntry> calls = demo.terminal().journal().read(null, null).stream()
                    .filter(e -> e.kind().name().startsWith("STAFF_")).toList();
            assertThat(calls.stream().map(JournalEntry::kind).toList(),
                    contains(JournalKind.STAFF_ASSISTANCE_REQUESTED, JournalKind.STAFF_ASSISTANCE_ENDED));
            String session = demo.terminal().sessions().current().orElseThrow().id();
            assertThat(calls.get(0).details().get("session"), equalTo(session));
            assertThat(calls.get(0).details().get("screen"), equalTo("HOME"));
        }
    }

    @Test
    void aCallAnsweredBeforeAnyHeartbeatIsStillReportedOnce(@TempDir Path dir) throws Exception {
        try (Demo demo = new Demo(0);
             Journal journal = Journal.open(dir, Clock.systemUTC(), ZoneOffset.UTC)) {
            Navigator nav = demo.terminal().navigator();
            StaffCall call = new StaffCall(nav, demo.terminal().sessions(), journal, Clock.systemUTC());
            nav.touch();
            nav.callStaff();
            nav.callStaff(); // pressed again while waiting: still one call
            nav.staffArrived();

            assertThat(journal.read(null, null).stream()
                    .filter(e -> e.kind() == JournalKind.STAFF_ASSISTANCE_REQUESTED).count(), is(1L));
            assertThat(call.takeForHeartbeat(), is(true));
            assertThat(call.takeForHeartbeat(), is(false));
        }
    }

    @Test
    void theVisitEndingClosesTheCall(@TempDir Path dir) throws Exception {
        try (Demo demo = new Demo(0);
             Journal journal = Journal.open(dir, Clock.systemUTC(), ZoneOffset.UTC)) {
            Navigator nav = demo.terminal().navigator();
            StaffCall call = new StaffCall(nav, demo.terminal().sessions(), journal, Clock.systemUTC());
            nav.touch();
            nav.callStaff();
            assertThat(call.waitingSince().isPresent(), is(true));
            nav.finish();
            assertThat(call.waitingSince().isPresent(), is(false));
            assertThat(journal.read(null, null).stream().map(JournalEntry::kind)
                            .filter(k -> k.name().startsWith("STAFF_")).toList(),
                    contains(JournalKind.STAFF_ASSISTANCE_REQUESTED, JournalKind.STAFF_ASSISTANCE_ENDED));
        }
    }
}
