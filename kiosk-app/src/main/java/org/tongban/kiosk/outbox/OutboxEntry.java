package org.tongban.kiosk.outbox;

import java.time.Instant;
import java.util.UUID;

import org.tongban.kiosk.platform.TransactionKind;

/**
 * The bookkeeping of one queued transaction, as a technician sees it (the payload is left out).
 *
 * @param purgedAt when retention dropped the delivered payload, or null while it is kept
 */
public record OutboxEntry(
        UUID id,
        TransactionKind kind,
        String itemCode,
        String sessionId,
        Instant createdAt,
        OutboxState state,
        int attempts,
        Instant nextAttemptAt,
        String lastError,
        String receiptNo,
        String rejectCode,
        String rejectMessage,
        Instant deliveredAt,
        Instant purgedAt) {
}
