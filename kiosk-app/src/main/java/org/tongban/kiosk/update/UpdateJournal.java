package org.tongban.kiosk.update;

import java.util.Map;
import org.tongban.kiosk.journal.Journal;
import org.tongban.kiosk.journal.JournalKind;

/** Operators read in the journal what the update agent decided; deferrals and downloads stay in the log. */
public final class UpdateJournal implements UpdateEvent.Listener {

    private final Journal journal;

    public UpdateJournal(Journal journal) {
        this.journal = journal;
    }

    @Override
    public void updateEvent(UpdateEvent e) {
        JournalKind kind = switch (e.type()) {
            case CHECKED -> JournalKind.UPDATE_CHECKED;
            case REFUSED -> JournalKind.UPDATE_REFUSED;
            case APPLIED -> JournalKind.UPDATE_APPLIED;
            case ROLLED_BACK, HEALTH_FAILED -> JournalKind.UPDATE_ROLLED_BACK;
            case DEFERRED, DOWNLOADED -> null;
        };
        if (kind != null) {
            journal.note(kind, Map.of("release", String.valueOf(e.release()),
                    "sequence", Long.toString(e.sequence()), "detail", String.valueOf(e.detail())));
        }
    }
}
