package org.tongban.devices;

/**
 * Receives a device's events. Called on the device's own thread: a listener that touches a
 * screen must hand the event over to that screen's thread itself.
 */
@FunctionalInterface
public interface DeviceListener {
    void onEvent(DeviceEvent event);
}
