package org.tongban.kiosk.platform;

/** What a queued transaction records; the platform files each kind differently. */
public enum TransactionKind {
    /** An application for a service item, with its form and attachments. */
    SUBMISSION,
    /** The citizen's five-level review of a finished service. */
    EVALUATION,
    /** A document printed at the terminal (kept by the platform for audit). */
    PRINT_RECORD
}
