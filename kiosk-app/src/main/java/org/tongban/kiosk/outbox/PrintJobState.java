package org.tongban.kiosk.outbox;

/**
 * Where a print job is: QUEUED (composed, recorded) → SENT (handed to the printer) → PRINTING
 * (the printer reports paper moving) → DONE | FAILED. A job found SENT or PRINTING after a restart
 * may or may not have come out: it is closed as FAILED, never printed again without the citizen asking.
 */
public enum PrintJobState {
    QUEUED, SENT, PRINTING, DONE, FAILED;

    public boolean isFinal() {
        return this == DONE || this == FAILED;
    }
}
