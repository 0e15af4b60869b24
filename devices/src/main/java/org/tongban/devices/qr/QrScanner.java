package org.tongban.devices.qr;

import java.time.Duration;
import org.tongban.devices.Device;
import org.tongban.devices.DeviceException;

/**
 * The QR code scanner under the screen, for appointment codes and e-certificates on phones.
 *
 * <p>While enabled, every code held under it is published as a {@code DataEvent<QrCode>}.
 * {@link #read(Duration)} waits for the next code instead, for flows that ask for one;
 * that code is published as an event too.
 */
public interface QrScanner extends Device {

    /** Waits up to {@code timeout} for the next code shown after this call. */
    QrCode read(Duration timeout) throws DeviceException;
}
