package org.tongban.kiosk.assistance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
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

    private final Navigator navigator;
    private final Journal journal;
    private final List<Runnable> onCall = new CopyOnWriteArrayList<>();
    private final SessionManager sessions;
    private final Clock clock;
    private Instant since;
    private boolean heartbeatOwed;
    private boolean acknowledged;

    public StaffCall(Navigator navigator, SessionManager sessions, Journal journal, Clock clock) {
        this.navigator = navigator;
        this.journal = journal;
        this.sessions = sessions;
        this.clock = clock;
        navigator.addListener(this::follow);
    }

    private synchronized void follow(Navigator nav) {
        if (nav.staffCalled() && since == null) {
            since = clock.instant();
            heartbeatOwed = true;
            acknowledged = false;
            journal.note(JournalKind.STAFF_ASSISTANCE_REQUESTED,
                    Map.of("session", sessionId(), "screen", nav.screen().name()));
            onCall.forEach(Runnable::run);
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

    /** Told when a citizen calls (the fleet link sends a heartbeat at once); called holding the navigator's lock. */
    public void whenCalled(Runnable r) {
        onCall.add(r);
    }

    /**
     * Staff said they are coming (a signed answer of the fleet server): the citizen who is waiting is told. A call
     * no longer open (the citizen left, or staff came already) is not reopened.
     */
    public void acknowledged(String by) {
        boolean first;
        synchronized (this) {
            first = since != null && !acknowledged;
            acknowledged |= first;
        }
        if (first) {
            journal.note(JournalKind.STAFF_ASSISTANCE_ACKNOWLEDGED, Map.of("session", sessionId(), "by", by));
            navigator.staffAcknowledged();
        }
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
