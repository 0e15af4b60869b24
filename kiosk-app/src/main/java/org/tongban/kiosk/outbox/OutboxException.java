package org.tongban.kiosk.outbox;

/**
 * The outbox could not read or write its file (disk full, read-only file, corrupt database, a transaction too
 * large to ever deliver). When a write throws this, nothing of it was written.
 */
public class OutboxException extends Exception {

    private static final long serialVersionUID = 1L;

    public OutboxException(String message) {
        super(message);
    }

    public OutboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
