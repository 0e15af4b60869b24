package org.tongban.devices;

import java.time.Instant;

/** An operation or background activity failed; the device state says whether it recovered. */
public record ErrorEvent(String device, DeviceException.Reason reason, String message, Instant at)
        implements DeviceEvent {
}
