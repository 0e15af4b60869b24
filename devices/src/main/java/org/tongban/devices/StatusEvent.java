package org.tongban.devices;

import java.time.Instant;

/** The device moved from one state to another; {@code detail} says why in a technician's words. */
public record StatusEvent(String device, DeviceState previous, DeviceState state, String detail, Instant at)
        implements DeviceEvent {
}
