package org.tongban.kiosk.assistance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.tongban.kiosk.flow.Navigator;
import org.tongban.kiosk.journal.Journal;
import org.tongban.kiosk.journal.JournalKind;
import org.tongban.kiosk.session.Session;
import org.tongban.kiosk.session.SessionManager;

/**
 * A citizen's "call staff": staff must notice it even from across the hall. It follows the
 * {@link Navigator}'s button and answer: a call is written to the journal and carried by the heartbeat
 * to the operations desk until it is answered; a call answered before any heartbeat went is still
 * carried by the next one, so a short call is not lost. (The shell shows the banner; the voice guide
 * rings the chime.)
 */
public final class StaffCall {

    private final Journal journal;
    private final SessionManager sessions;
    private final Clock clock;
    private Instant since;
    private boolean heartbeatOwed;

    public StaffCall(Navigator navigator, SessionManager sessions, Journal journal, Clock clock) {
        this.journal = journal;
        this.sessions = sessions;
        this.clock = clock;
        navigator.addListener(this::follow);
    }

    private synchronized void follow(Navigator nav) {
        if (nav.staffCalled() && since == null) {
            since = clock.instant();
            heartbeatOwed = true;
            journal.note(JournalKind.STAFF_ASSISTANCE_REQUESTED,
                    Map.of("session", sessionId(), "screen", nav.screen().name()));
        } else if (!nav.staffCalled() && since != null) {
            long waited = Duration.between(since, clock.instant()).toSeconds();
            since = null;
            journal.note(JournalKind.STAFF_ASSISTANCE_ENDED,
                    Map.of("session", sessionId(), "waitedSeconds", Long.toString(waited)));
        }
    }

    private String sessionId() {
        return sessions.current().map(Session::id).orElse("-");
    }

    /** Since when the open call has been waiting, or empty when nobody is waiting. */
    public synchronized Optional<Instant> waitingSince() {
        return Optional.ofNullable(since);
    }

    /** What the heartbeat reports: a call is open, or one was made since the last heartbeat. */
    public synchronized boolean takeForHeartbeat() {
        boolean requested = since != null || heartbeatOwed;
        heartbeatOwed = false;
        return requested;
    }
}
