package org.tongban.devices;

import java.time.Duration;

/**
 * What every device has in common, whatever its class: an explicit lifecycle, a state, events
 * and a health check. Operations of the device classes take a timeout; {@link #cancel()} ends the
 * one in progress.
 *
 * <p>Lifecycle: {@code open → claim → enable}, and back {@code disable → release → close}.
 * Each call is allowed only from the step right below (or above) it; anything else is an
 * {@link DeviceException.Reason#ILLEGAL_STATE} error, not a silent no-op, so a wiring mistake shows.
 */
public interface Device extends AutoCloseable {

    /** The configured name, e.g. {@code idcard}; unique on a terminal. */
    String name();

    DeviceClass deviceClass();

    Lifecycle lifecycle();

    DeviceState state();

    /** Loads the driver and connects to the hardware. */
    void open() throws DeviceException;

    /** Takes exclusive use of the device, waiting at most {@code timeout} for another holder to let go. */
    void claim(Duration timeout) throws DeviceException;

    /** Starts data events and allows operations. */
    void enable() throws DeviceException;

    void disable() throws DeviceException;

    void release() throws DeviceException;

    /** Steps down from wherever the device is to CLOSED; never throws, so it is safe in finally blocks. */
    @Override
    void close();

    /** Ends the operation in progress, if any: its caller gets {@link DeviceException.Reason#CANCELLED}. */
    void cancel();

    /** Checks the device now (may talk to the hardware) and says in words what a technician should know. */
    HealthReport checkHealth();

    void addListener(DeviceListener listener);

    void removeListener(DeviceListener listener);

    /** Convenience for start-up: open, claim and enable in one go. */
    default void openClaimEnable(Duration claimTimeout) throws DeviceException {
        open();
        claim(claimTimeout);
        enable();
    }
}
