package org.tongban.kiosk.outbox;

import java.time.Duration;

/** Counts for the status bar, the heartbeat and the technician screen. */
public record OutboxStatus(long pending, long delivered, long rejected, Duration oldestPendingAge) {
}
