package org.tongban.kiosk.status;

import java.util.Map;
import org.tongban.kiosk.journal.Journal;
import org.tongban.kiosk.journal.JournalKind;

/** Journals when the terminal goes out of service and comes back, with why. */
public final class ServiceWatch {

    private final TerminalStatus status;
    private final Journal journal;
    private TerminalStatus.OutOfService last;

    public ServiceWatch(TerminalStatus status, Journal journal) {
        this.status = status;
        this.journal = journal;
        status.addListener(s -> check());
        check();
    }

    synchronized void check() {
        TerminalStatus.OutOfService now = status.outOfService().orElse(null);
        if (java.util.Objects.equals(now, last)) {
            return;
        }
        if (now == null) {
            journal.note(JournalKind.BACK_IN_SERVICE, Map.of());
        } else {
            journal.note(JournalKind.OUT_OF_SERVICE, Map.of("locked", String.valueOf(now.locked()),
                    "devices", String.join(",", now.failedDevices())));
        }
        last = now;
    }
}
