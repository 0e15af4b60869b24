package org.tongban.devices;

/** Builds a device (closed) from its configuration. */
@FunctionalInterface
public interface DriverFactory {
    Device create(DeviceSpec spec) throws DeviceException;
}
