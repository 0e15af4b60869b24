package org.tongban.kiosk.cli;

import org.tongban.devices.DeviceException;

/**
 * What a command's exit code means, one name per number, so scripts can rely on them: each command's help
 * and the README say which of these it uses. Not every command uses every code.
 */
final class ExitCode {

    /** Done, or nothing to do. */
    static final int OK = 0;
    /** It ran but did not succeed: problems found, a printer that failed, an update refused; stderr says why. */
    static final int FAILED = 1;
    /** Bad arguments, a file that is missing or cannot be read or written, a local configuration problem. */
    static final int BAD_INPUT = 2;
    /** Nothing there to work on: no QR code, no page, no card, an empty feeder, a face refused. */
    static final int NOTHING_FOUND = 3;
    /** A device did not answer in time. */
    static final int TIMED_OUT = 4;
    /** The update channel could not be reached (update commands; their 4 predates the device codes). */
    static final int CHANNEL_UNREACHABLE = 4;
    /** A device fault the technician fixes: cover open, jam, a card this command cannot read. */
    static final int DEVICE_FAULT = 5;
    /** A garbled answer from the device. */
    static final int GARBLED = 6;
    /** The device or its service (saned, pcscd) is not connected or not reachable. */
    static final int NOT_REACHABLE = 7;

    private ExitCode() {
    }

    /** The codes of the card readers ({@code idcard read}, {@code card read}). */
    static int ofCardRead(DeviceException.Reason reason) {
        return switch (reason) {
            case NO_MEDIA -> NOTHING_FOUND;
            case TIMEOUT -> TIMED_OUT;
            case INVALID_DATA -> DEVICE_FAULT;
            case PROTOCOL -> GARBLED;
            case OFFLINE -> NOT_REACHABLE;
            default -> FAILED;
        };
    }

    /** The codes of {@code scan}: a garbled answer is one more scanner fault there. */
    static int ofScan(DeviceException.Reason reason) {
        return switch (reason) {
            case NO_MEDIA -> NOTHING_FOUND;
            case TIMEOUT -> TIMED_OUT;
            case HARDWARE, PROTOCOL -> DEVICE_FAULT;
            case OFFLINE -> NOT_REACHABLE;
            default -> FAILED;
        };
    }
}
