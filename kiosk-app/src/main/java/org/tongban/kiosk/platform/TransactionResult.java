package org.tongban.kiosk.platform;

import java.util.UUID;

/** The platform's verdict on one transaction of a batch. */
public record TransactionResult(UUID id, Status status, String receiptNo, String code, String message) {

    public enum Status {
        /** Stored now; {@code receiptNo} is the platform's receipt. */
        ACCEPTED,
        /** Stored before (a replay); {@code receiptNo} is the original receipt. */
        DUPLICATE,
        /** Refused for good, with {@code code} and {@code message}; never retried. */
        REJECTED
    }

    public static TransactionResult accepted(UUID id, String receiptNo) {
        return new TransactionResult(id, Status.ACCEPTED, receiptNo, null, null);
    }

    public static TransactionResult duplicate(UUID id, String receiptNo) {
        return new TransactionResult(id, Status.DUPLICATE, receiptNo, null, null);
    }

    public static TransactionResult rejected(UUID id, String code, String message) {
        return new TransactionResult(id, Status.REJECTED, null, code, message);
    }

    /** True when the platform holds the transaction (now or from an earlier attempt). */
    public boolean delivered() {
        return status == Status.ACCEPTED || status == Status.DUPLICATE;
    }
}
