package org.tongban.kiosk.outbox;

import java.time.Duration;
import java.util.Objects;

import org.tongban.kiosk.platform.PlatformClient;

/**
 * How the sync worker paces itself.
 *
 * @param interval       how often it looks for due transactions, and how often it sends a heartbeat when idle
 * @param initialBackoff the wait after the first failure; it doubles with each failure in a row
 * @param maxBackoff     the cap on that wait (a Retry-After from the platform may still be longer)
 * @param maxBatchTransactions at most 100, the contract's limit
 * @param maxBatchBytes  payload bytes per batch, at most {@link Outbox#MAX_PAYLOAD_BYTES}
 * @param retention      how long a delivered payload is kept before it is purged (its bookkeeping stays)
 */
public record SyncSettings(Duration interval, Duration initialBackoff, Duration maxBackoff,
        int maxBatchTransactions, int maxBatchBytes, Duration retention) {

    public SyncSettings {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(retention, "retention");
        if (interval.isNegative() || interval.isZero() || initialBackoff.isNegative() || initialBackoff.isZero()
                || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("intervals must be positive and maxBackoff >= initialBackoff");
        }
        if (maxBatchTransactions < 1 || maxBatchTransactions > PlatformClient.MAX_BATCH_TRANSACTIONS
                || maxBatchBytes < 1 || maxBatchBytes > Outbox.MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("batch limits exceed the contract");
        }
    }

    /** Production pacing: look every 15 s, back off from 5 s up to 10 min, full-size batches, 7 days' payloads. */
    public static SyncSettings defaults() {
        return new SyncSettings(Duration.ofSeconds(15), Duration.ofSeconds(5), Duration.ofMinutes(10),
                PlatformClient.MAX_BATCH_TRANSACTIONS, Outbox.MAX_PAYLOAD_BYTES, Duration.ofDays(7));
    }

    /** The same settings with another pacing (batch limits unchanged). */
    public SyncSettings withPacing(Duration interval, Duration initialBackoff, Duration maxBackoff) {
        return new SyncSettings(interval, initialBackoff, maxBackoff, maxBatchTransactions, maxBatchBytes, retention);
    }

    public SyncSettings withRetention(Duration keepFor) {
        return new SyncSettings(interval, initialBackoff, maxBackoff, maxBatchTransactions, maxBatchBytes, keepFor);
    }
}
