package org.tongban.devices.scanner;

import java.time.Duration;
import org.tongban.devices.Device;
import org.tongban.devices.DeviceException;

/**
 * A flatbed scanner or document camera, for copies of certificates and forms a citizen brings.
 *
 * <p>An empty glass is the citizen's next step, not a device fault: {@link #scan} fails with
 * {@code NO_MEDIA} and the scanner stays ONLINE, so the flow can say "place the document face down".
 */
public interface DocumentScanner extends Device {

    /** Scans what lies on the glass at the requested resolution and colour mode. */
    ScannedPage scan(ScanRequest request, Duration timeout) throws DeviceException;
}
