package org.tongban.devices.simulation;

import java.util.concurrent.atomic.AtomicReference;
import org.tongban.devices.AbstractDevice;
import org.tongban.devices.DeviceClass;
import org.tongban.devices.DeviceException;
import org.tongban.devices.DeviceState;
import org.tongban.devices.Lifecycle;

/**
 * What every simulator twin scripts the same way: the cable ({@link #unplug()}, {@link #plugIn()}), a hardware
 * fault until it is cleared, a failure of the next operation ({@link #failNext}), and the state these call for.
 * A simulator adds its own conditions (paper, cover, a card in the slot) in {@link #condition()}.
 *
 * <p>One rule for all: a closed device stays OFFLINE ("closed") whatever is scripted meanwhile, and shows the
 * scripted state when it is opened; an unplugged one refuses to open.
 */
public abstract class SimulatedDevice extends AbstractDevice {

    /** A state and why, in a technician's words. */
    public record Condition(DeviceState state, String detail) {

        public static final Condition READY = new Condition(DeviceState.ONLINE, "ready");
    }

    private final String hardware;
    private final AtomicReference<DeviceException> nextFailure = new AtomicReference<>();
    private volatile boolean plugged = true;
    private volatile String fault; // null: no hardware fault

    /** @param hardware what the simulated hardware is called in messages, e.g. "receipt printer" */
    protected SimulatedDevice(String name, DeviceClass deviceClass, String hardware) {
        super(name, deviceClass);
        this.hardware = hardware;
    }

    // ---- scripting, for tests and the demo -----------------------------------------------------

    /** The USB cable comes out: OFFLINE until {@link #plugIn()}. */
    public final void unplug() {
        plugged = false;
        onUnplugged();
        settle();
    }

    public final void plugIn() {
        plugged = true;
        settle();
    }

    public final boolean plugged() {
        return plugged;
    }

    /** The next operation that checks for scripted failures fails with this error. */
    public final void failNext(DeviceException failure) {
        nextFailure.set(failure);
    }

    // ---- for the simulators ----------------------------------------------------------------------

    /** What stops with the cable, e.g. a preview stream or a waiting read. */
    protected void onUnplugged() {
    }

    /** Opening the simulated hardware once it is plugged in, e.g. making its output folder. */
    protected void onPluggedOpen() throws DeviceException {
    }

    /** The state the simulator's own conditions call for when plugged in and without a hardware fault. */
    protected Condition condition() {
        return Condition.READY;
    }

    /** A hardware fault ({@code detail} says what and what to do): HARDWARE_ERROR until {@link #repair()}. */
    protected final void breakDown(String detail) {
        fault = detail;
        settle();
    }

    protected final void repair() {
        fault = null;
        settle();
    }

    protected final boolean faulty() {
        return fault != null;
    }

    /** Throws the failure scripted with {@link #failNext}, once. */
    protected final void throwScriptedFailure() throws DeviceException {
        DeviceException failure = nextFailure.getAndSet(null);
        if (failure != null) {
            throw failure;
        }
    }

    protected final void clearScriptedFailure() {
        nextFailure.set(null);
    }

    /** The error of an operation on unplugged hardware. */
    protected final DeviceException offline() {
        return new DeviceException(DeviceException.Reason.OFFLINE, name() + ": no " + hardware + " connected");
    }

    /** Moves to the state the scripted conditions call for; a closed device stays as it is. */
    protected final void settle() {
        if (lifecycle() != Lifecycle.CLOSED) {
            show(current());
        }
    }

    @Override
    protected final void onOpen() throws DeviceException {
        if (!plugged) {
            throw offline();
        }
        onPluggedOpen();
        show(current());
    }

    @Override
    protected void onClose() {
    }

    private Condition current() {
        if (!plugged) {
            return new Condition(DeviceState.OFFLINE, hardware + " not connected (unplugged), check its USB cable");
        }
        String f = fault;
        return f != null ? new Condition(DeviceState.HARDWARE_ERROR, f) : condition();
    }

    private void show(Condition c) {
        setState(c.state(), c.detail());
    }
}
