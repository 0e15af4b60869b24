package org.tongban.devices.printer;

import java.time.Duration;
import org.tongban.devices.Device;
import org.tongban.devices.DeviceException;

/**
 * The A4 document printer. {@link #print} returns only once the printer reports the job done,
 * so the kiosk never tells a citizen to take a paper that did not come out.
 */
public interface DocumentPrinter extends Device {

    PrintOutcome print(PrintJob job, Duration timeout) throws DeviceException;

    /**
     * Like {@link #print(PrintJob, Duration)}, telling {@code progress} when the job was handed over
     * and when it started printing. Printers that cannot tell report nothing before the outcome.
     */
    default PrintOutcome print(PrintJob job, Duration timeout, PrintProgress progress) throws DeviceException {
        return print(job, timeout);
    }
}
