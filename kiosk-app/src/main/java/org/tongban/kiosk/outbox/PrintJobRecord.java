package org.tongban.kiosk.outbox;

import java.time.Instant;
import java.util.Objects;

/**
 * One print job of a session, as the outbox keeps it.
 *
 * @param title the document kind (never personal data)
 * @param destination where it went (a CUPS job, a serial port), once known
 * @param detail why it failed, in a technician's words
 */
public record PrintJobRecord(String id, String sessionId, String step, String title, PrintJobState state,
                             String destination, String detail, Instant createdAt, Instant updatedAt) {

    public PrintJobRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(state, "state");
    }
}
