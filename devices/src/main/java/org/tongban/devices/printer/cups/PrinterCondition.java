package org.tongban.devices.printer.cups;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tongban.devices.DeviceException;
import org.tongban.devices.DeviceState;

/**
 * A CUPS queue's printer-state and printer-state-reasons (RFC 8011 5.4.12), read into the
 * device's state: what staff on site can fix is USER_ERROR, what needs a technician HARDWARE_ERROR.
 *
 * @param state the device state they call for
 * @param detail in a technician's words
 * @param warnings conditions that do not stop printing (toner low), for the health line
 */
record PrinterCondition(DeviceState state, String detail, List<String> warnings) {

    static final int IPP_IDLE = 3;
    static final int IPP_PROCESSING = 4;
    static final int IPP_STOPPED = 5;

    static PrinterCondition of(int printerState, List<String> reasons, boolean acceptingJobs, String message) {
        List<String> warnings = new ArrayList<>();
        DeviceState state = DeviceState.ONLINE;
        String detail = printerState == IPP_PROCESSING ? "printing" : "ready";
        for (String raw : reasons) {
            String reason = raw.toLowerCase(Locale.ROOT);
            boolean warning = reason.endsWith("-warning") || reason.endsWith("-report");
            String keyword = reason.replaceFirst("-(error|warning|report)$", "");
            DeviceState calls;
            String words;
            switch (keyword) {
                case "media-empty", "media-needed" -> {
                    calls = DeviceState.USER_ERROR;
                    words = "out of paper, load A4 paper";
                }
                case "door-open", "cover-open", "input-tray-missing" -> {
                    calls = DeviceState.USER_ERROR;
                    words = keyword.replace('-', ' ') + ", close it";
                }
                case "media-jam" -> {
                    calls = DeviceState.HARDWARE_ERROR;
                    words = "paper jam, open the printer and clear it";
                }
                case "toner-empty", "marker-supply-empty" -> {
                    calls = DeviceState.USER_ERROR;
                    words = "toner empty, replace the cartridge";
                }
                case "offline", "shutdown", "connecting-to-device" -> {
                    calls = DeviceState.OFFLINE;
                    words = "printer offline, check its power and cable";
                }
                case "toner-low", "marker-supply-low", "media-low" -> {
                    warnings.add(keyword.replace('-', ' '));
                    continue;
                }
                default -> {
                    continue; // none, paused, cups-* bookkeeping: not a printer fault
                }
            }
            if (warning) {
                warnings.add(words);
            } else if (worse(calls, state)) {
                state = calls;
                detail = words;
            }
        }
        if (state == DeviceState.ONLINE && (printerState == IPP_STOPPED || !acceptingJobs)) {
            // a stopped or rejecting queue (cupsdisable, or the backend gave up) prints nothing
            state = DeviceState.OFFLINE;
            detail = "CUPS queue " + (acceptingJobs ? "stopped" : "not accepting jobs")
                    + (message == null || message.isBlank() ? "" : ": " + message);
        }
        if (!warnings.isEmpty() && state == DeviceState.ONLINE) {
            detail = detail + " (" + String.join(", ", warnings) + ")";
        }
        return new PrinterCondition(state, detail, List.copyOf(warnings));
    }

    boolean canPrint() {
        return state == DeviceState.ONLINE;
    }

    DeviceException.Reason reason() {
        return switch (state) {
            case USER_ERROR -> DeviceException.Reason.NO_MEDIA;
            case HARDWARE_ERROR -> DeviceException.Reason.HARDWARE;
            default -> DeviceException.Reason.OFFLINE;
        };
    }

    private static boolean worse(DeviceState a, DeviceState b) {
        return rank(a) > rank(b);
    }

    private static int rank(DeviceState s) {
        return switch (s) {
            case HARDWARE_ERROR -> 3;
            case OFFLINE -> 2;
            case USER_ERROR -> 1;
            default -> 0;
        };
    }
}
