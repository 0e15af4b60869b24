package org.tongban.kiosk.outbox;

import java.time.Instant;
import java.util.Objects;

/**
 * A step of a citizen's session the kiosk has finished (e.g. "submitted", "printed"), with the kiosk's own
 * state of it as JSON. It is written together with the transactions the step owes the platform.
 */
public record StepRecord(String sessionId, String step, Instant completedAt, String stateJson) {

    public StepRecord {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(completedAt, "completedAt");
    }
}
