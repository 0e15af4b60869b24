package org.tongban.devices;

/**
 * Where a device stands in its lifecycle. The steps go up one at a time
 * (open, claim, enable) and down one at a time (disable, release, close), as in JavaPOS.
 */
public enum Lifecycle {
    /** Not opened: no port or handle held. */
    CLOSED,
    /** Opened: the driver is loaded and talks to the hardware, but another user may still take it. */
    OPENED,
    /** Claimed: this application holds the device exclusively. */
    CLAIMED,
    /** Enabled: the device delivers data events and accepts operations. */
    ENABLED;

    public boolean atLeast(Lifecycle other) {
        return compareTo(other) >= 0;
    }
}
