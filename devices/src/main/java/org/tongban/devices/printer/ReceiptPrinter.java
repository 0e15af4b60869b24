package org.tongban.devices.printer;

import java.time.Duration;
import org.tongban.devices.Device;
import org.tongban.devices.DeviceException;

/**
 * The 80 mm thermal receipt printer (ESC/POS), for queue tickets and service receipts.
 *
 * <p>Paper out and an open cover put the printer in USER_ERROR; a paper roll near its end keeps it
 * ONLINE but shows in {@link #status()} and the health line, so staff can change the roll in time.
 */
public interface ReceiptPrinter extends Device {

    /** Prints and cuts (if the receipt says so); returns once the printer reports the receipt done. */
    PrintOutcome print(Receipt receipt, Duration timeout) throws DeviceException;

    /** Paper and cover as the printer last reported them; answers in any state, even when printing fails. */
    ReceiptPrinterStatus status();
}
