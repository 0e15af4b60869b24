package org.tongban.devices;

/** The one checked error type of the device layer: every failure of a driver ends up as one of these. */
public class DeviceException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why an operation failed, coarse enough for the shell to pick a message for a citizen. */
    public enum Reason {
        /** The call is not allowed in the device's lifecycle step (e.g. read before enable). */
        ILLEGAL_STATE,
        /** The device did not answer in time. */
        TIMEOUT,
        /** The operation was cancelled by the caller. */
        CANCELLED,
        /** The device is unplugged, closed or unreachable. */
        OFFLINE,
        /** Nothing to work on: no card in the field, no paper, no page on the glass. */
        NO_MEDIA,
        /** The device answered with something that breaks its protocol (bad frame, bad checksum). */
        PROTOCOL,
        /** The device reports a fault. */
        HARDWARE,
        /** The data read is not acceptable (bad check digit, unsupported card type, expired card). */
        INVALID_DATA,
        /** Another application holds the device. */
        CLAIMED_ELSEWHERE
    }

    private final Reason reason;

    public DeviceException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public DeviceException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
