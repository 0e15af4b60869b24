package org.tongban.kiosk.outbox;

/** Where a queued transaction stands. */
public enum OutboxState {
    /** Not yet acknowledged by the platform; the sync worker keeps trying. */
    PENDING,
    /** The platform holds it (ACCEPTED or DUPLICATE) and gave a receipt. */
    DELIVERED,
    /** The platform refused it for good; kept for a technician, never retried. */
    REJECTED
}
