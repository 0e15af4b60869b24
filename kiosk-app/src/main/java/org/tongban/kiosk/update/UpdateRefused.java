package org.tongban.kiosk.update;

/** A manifest or artifact the terminal will not take, with the reason the spec requires it to state. */
public final class UpdateRefused extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * Every reason a terminal refuses (update-channel.md, "What a terminal must refuse"), plus the channel being
     * down, a manifest of another channel and one that expires too far ahead (ADR 0013).
     */
    public enum Reason {
        MISSING_SIGNATURE, BAD_SIGNATURE, ROLLBACK, EXPIRED, UNPARSEABLE, SIZE_MISMATCH, TOO_LARGE, DIGEST_MISMATCH,
        CHANNEL_UNAVAILABLE, INVALID_CONTENT, WRONG_CHANNEL, EXPIRY_TOO_FAR
    }

    private final Reason reason;

    public UpdateRefused(Reason reason, String detail) {
        super(reason + ": " + detail);
        this.reason = reason;
    }

    public UpdateRefused(Reason reason, String detail, Throwable cause) {
        super(reason + ": " + detail, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
