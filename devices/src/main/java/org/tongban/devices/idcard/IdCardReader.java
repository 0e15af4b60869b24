package org.tongban.devices.idcard;

import java.time.Duration;
import org.tongban.devices.Device;
import org.tongban.devices.DeviceException;

/**
 * A second-generation ID card reader (the SAM module behind the RF antenna).
 *
 * <p>While enabled, the reader watches for cards and publishes each card it reads as a
 * {@code DataEvent<IdCard>}; that is how a card placed on the reader starts a session.
 * {@link #read(Duration)} reads on demand for flows and the command line.
 */
public interface IdCardReader extends Device {

    /** Waits up to {@code timeout} for a card in the field, then finds, selects and reads it. */
    IdCard read(Duration timeout) throws DeviceException;

    /** The SAM module's id, as printed for technicians (e.g. {@code 05.01-20240101-0000000001-1234567890}). */
    String samId(Duration timeout) throws DeviceException;

    /** Resets the SAM module. */
    void reset(Duration timeout) throws DeviceException;
}
