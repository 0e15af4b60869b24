package org.tongban.devices;

/**
 * The operational state of a device, after XFS4IoT's device status. Small and closed on purpose:
 * the shell, the health check and the platform heartbeat all map from these six.
 */
public enum DeviceState {
    /** Opening or resetting; not yet known to work. */
    STARTING,
    /** Ready for an operation. */
    ONLINE,
    /** An operation is in progress. */
    BUSY,
    /** Not reachable: closed, unplugged, or powered off. */
    OFFLINE,
    /** The hardware reports a fault a technician must look at (jam, sensor, SAM failure). */
    HARDWARE_ERROR,
    /** A fault a person on site can clear (paper out, cover open, card inserted wrong way). */
    USER_ERROR;

    /** Whether operations can be started now (BUSY devices accept the next one after the current). */
    public boolean usable() {
        return this == ONLINE || this == BUSY;
    }
}
