package org.tongban.kiosk.assistance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tongban.kiosk.flow.Navigator;
import org.tongban.kiosk.journal.Journal;
import org.tongban.kiosk.journal.JournalKind;
import org.tongban.kiosk.session.Session;
import org.tongban.kiosk.session.SessionManager;

/**
 * A citizen's "call staff": staff must notice it even from across the hall. It follows the
 * {@link Navigator}'s button and answer; a call rings the alert (a chime and a spoken line), is written
 * to the journal, and is carried by the heartbeat to the operations desk until it is answered. A call
 * answered before any heartbeat went is still carried by the next one, so a short call is not lost.
 */
public final class StaffCall {

    private static final Logger log = LoggerFactory.getLogger(StaffCall.class);

    private final Journal journal;
    private final SessionManager sessions;
    private final Clock clock;
    private final Runnable alert;
    private Instant since;
    private boolean heartbeatOwed;

    /** @param alert rings at the terminal when a call is made (sound); it must not throw */
    public StaffCall(Navigator navigator, SessionManager sessions, Journal journal, Clock clock, Runnable alert) {
        this.journal = journal;
        this.sessions = sessions;
        this.clock = clock;
        this.alert = alert;
        navigator.addListener(this::follow);
    }

    private void follow(Navigator nav) {
        boolean ring;
        synchronized (this) {
            ring = nav.staffCalled() && since == null;
            if (ring) {
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
        if (ring) {
            try {
                alert.run();
            } catch (RuntimeException e) {
                log.warn("the staff call alert failed: {}", e.toString()); // the banner and heartbeat still tell
            }
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
