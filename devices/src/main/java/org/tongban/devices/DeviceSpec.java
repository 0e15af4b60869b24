package org.tongban.devices;

import java.util.Map;
import java.util.Objects;

/**
 * One configured device, as a technician wrote it in {@code devices.yaml}.
 *
 * @param driver {@code simulated} or the name of a real driver
 * @param port a serial port, a CUPS queue, a camera index: whatever the driver connects to; may be null
 * @param options driver-specific settings, all as text
 * @param required whether the terminal may open for service without this device
 */
public record DeviceSpec(String name, DeviceClass deviceClass, String driver, String port,
                         Map<String, String> options, boolean required) {

    public DeviceSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(deviceClass, "deviceClass");
        Objects.requireNonNull(driver, "driver");
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    public String option(String key, String fallback) {
        return options.getOrDefault(key, fallback);
    }
}
