package org.tongban.devices;

import java.time.Instant;

/**
 * The result of a health check: the state, whether the device can serve citizens now, and a line
 * of text a technician can act on ("paper low, replace roll", "SAM id 05-01-2024..., answers in 12 ms").
 */
public record HealthReport(String device, DeviceClass deviceClass, Lifecycle lifecycle, DeviceState state,
                           boolean healthy, String text, Instant at) {
}
