package org.tongban.kiosk.flow;

import java.util.HashMap;
import java.util.Map;
import org.tongban.devices.DeviceEvent;
import org.tongban.devices.DeviceListener;
import org.tongban.devices.ErrorEvent;
import org.tongban.devices.StatusEvent;
import org.tongban.kiosk.catalog.StepType;
import org.tongban.kiosk.journal.Journal;
import org.tongban.kiosk.journal.JournalKind;
import org.tongban.kiosk.session.Session;
import org.tongban.kiosk.session.SessionListener;
import org.tongban.kiosk.session.SessionManager;

/**
 * Writes what the citizen-facing parts do into the journal (it lives with the flows it watches, so the
 * journal itself knows no feature): sessions, items and their prints, and
 * devices failing and recovering. Only ids, item codes, device names and outcomes: never what the
 * citizen is or entered.
 */
public final class JournalFeed implements SessionListener, DeviceListener {

    private final Journal journal;
    private final SessionManager sessions;
    private ServiceFlow tracked;
    private boolean trackedEnded;

    public JournalFeed(Journal journal, SessionManager sessions, Navigator navigator) {
        this.journal = journal;
        this.sessions = sessions;
        sessions.addListener(this);
        navigator.addListener(this::onNavigator);
    }

    private String sessionId() {
        return sessions.current().map(Session::id).orElse("-");
    }

    @Override
    public void started(Session session) {
        journal.note(JournalKind.SESSION_STARTED, Map.of("session", session.id(), "trigger", session.trigger().name()));
    }

    @Override
    public void ended(Session session, SessionManager.EndReason reason) {
        journal.note(JournalKind.SESSION_ENDED, Map.of("session", session.id(), "reason", reason.name()));
    }

    private synchronized void onNavigator(Navigator nav) {
        ServiceFlow now = nav.flow().orElse(null);
        if (now == tracked) {
            return;
        }
        if (tracked != null && !trackedEnded) {
            journal.note(JournalKind.ITEM_ABANDONED, Map.of("session", sessionId(), "item", tracked.item().code(),
                    "stage", tracked.state().stage().name()));
        }
        tracked = now;
        trackedEnded = false;
        if (now != null) {
            journal.note(JournalKind.ITEM_STARTED, Map.of("session", sessionId(), "item", now.item().code()));
            String session = sessionId();
            now.addListener(f -> onFlow(f, session));
        }
    }

    private synchronized void onFlow(ServiceFlow f, String session) {
        Stage stage = f.state().stage();
        Map<String, String> d = new HashMap<>(Map.of("session", session, "item", f.item().code()));
        if (stage == Stage.PRINTED) {
            journal.note(JournalKind.PRINT_DONE, d);
        } else if (stage == Stage.FAILED && f.state().step() == StepType.PRINT) {
            d.put("reason", f.state().message());
            journal.note(JournalKind.PRINT_FAILED, d);
        } else if (stage == Stage.DONE && f == tracked && !trackedEnded) {
            trackedEnded = true;
            // Leaving early goes through the review to DONE too: that is still an abandoned item.
            journal.note(f.leaving() ? JournalKind.ITEM_ABANDONED : JournalKind.ITEM_FINISHED, d);
        }
    }

    @Override
    public void onEvent(DeviceEvent e) {
        if (e instanceof StatusEvent s && s.previous().usable() != s.state().usable()) {
            journal.note(s.state().usable() ? JournalKind.DEVICE_RECOVERED : JournalKind.DEVICE_ERROR,
                    Map.of("device", s.device(), "state", s.state().name()));
        } else if (e instanceof ErrorEvent err) {
            journal.note(JournalKind.DEVICE_ERROR, Map.of("device", err.device(), "reason", err.reason().name()));
        }
    }
}
