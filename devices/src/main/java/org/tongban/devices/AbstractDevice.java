package org.tongban.devices;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lifecycle, state model, events, timeouts and cancel that every driver and simulator shares,
 * so a driver only writes what talks to its hardware ({@code onOpen}, {@code onClose}, its operations).
 *
 * <p>Operations run one at a time on the device's own worker thread through {@link #perform}: the
 * caller waits at most the given timeout, and {@link #cancel()} interrupts the worker.
 */
public abstract class AbstractDevice implements Device {

    private static final Logger log = LoggerFactory.getLogger(AbstractDevice.class);

    private final String name;
    private final DeviceClass deviceClass;
    private final List<DeviceListener> listeners = new CopyOnWriteArrayList<>();
    private final Object lifecycleLock = new Object();

    private volatile Lifecycle lifecycle = Lifecycle.CLOSED;
    private volatile DeviceState state = DeviceState.OFFLINE;
    private volatile String stateDetail = "closed";
    private volatile ExecutorService worker;
    private final AtomicReference<Future<?>> current = new AtomicReference<>();

    protected AbstractDevice(String name, DeviceClass deviceClass) {
        this.name = name;
        this.deviceClass = deviceClass;
    }

    // ---- what a driver fills in -------------------------------------------------------------

    /** Connects to the hardware. Throw to stay CLOSED; call {@link #setState} to report what was found. */
    protected abstract void onOpen() throws DeviceException;

    /** Lets go of the hardware. Must not throw. */
    protected abstract void onClose();

    /** Starts delivering data events (e.g. card presence polling). */
    protected void onEnable() throws DeviceException {
    }

    protected void onDisable() {
    }

    /** One line for the health check when the device is open; the base class adds state and lifecycle. */
    protected abstract String healthDetail();

    // ---- lifecycle ---------------------------------------------------------------------------

    @Override
    public final void open() throws DeviceException {
        synchronized (lifecycleLock) {
            requireLifecycle(Lifecycle.CLOSED, "open");
            setState(DeviceState.STARTING, "opening");
            worker = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "device-" + name);
                t.setDaemon(true);
                return t;
            });
            try {
                onOpen();
            } catch (DeviceException | RuntimeException e) {
                worker.shutdownNow();
                setState(DeviceState.OFFLINE, "open failed: " + e.getMessage());
                throw asDeviceException(e, "open");
            }
            lifecycle = Lifecycle.OPENED;
            if (state == DeviceState.STARTING) {
                setState(DeviceState.ONLINE, "opened");
            }
        }
    }

    @Override
    public final void claim(Duration timeout) throws DeviceException {
        synchronized (lifecycleLock) {
            requireLifecycle(Lifecycle.OPENED, "claim");
            lifecycle = Lifecycle.CLAIMED;
        }
    }

    @Override
    public final void enable() throws DeviceException {
        synchronized (lifecycleLock) {
            requireLifecycle(Lifecycle.CLAIMED, "enable");
            onEnable();
            lifecycle = Lifecycle.ENABLED;
        }
    }

    @Override
    public final void disable() throws DeviceException {
        synchronized (lifecycleLock) {
            requireLifecycle(Lifecycle.ENABLED, "disable");
            onDisable();
            lifecycle = Lifecycle.CLAIMED;
        }
    }

    @Override
    public final void release() throws DeviceException {
        synchronized (lifecycleLock) {
            requireLifecycle(Lifecycle.CLAIMED, "release");
            lifecycle = Lifecycle.OPENED;
        }
    }

    @Override
    public final void close() {
        synchronized (lifecycleLock) {
            if (lifecycle == Lifecycle.CLOSED) {
                return;
            }
            cancel();
            if (lifecycle == Lifecycle.ENABLED) {
                onDisable();
            }
            try {
                onClose();
            } catch (RuntimeException e) {
                log.warn("{}: close failed: {}", name, e.toString());
            }
            ExecutorService w = worker;
            if (w != null) {
                w.shutdownNow();
            }
            lifecycle = Lifecycle.CLOSED;
            setState(DeviceState.OFFLINE, "closed");
        }
    }

    private void requireLifecycle(Lifecycle expected, String call) throws DeviceException {
        if (lifecycle != expected) {
            throw new DeviceException(DeviceException.Reason.ILLEGAL_STATE,
                    name + ": " + call + " needs the device " + expected + " but it is " + lifecycle);
        }
    }

    // ---- operations --------------------------------------------------------------------------

    /** The body of one device operation; runs on the device's worker thread and may block interruptibly. */
    @FunctionalInterface
    protected interface Operation<T> {
        T run() throws DeviceException, InterruptedException;
    }

    /**
     * Runs {@code body} on the worker thread as the operation {@code what}, waiting at most
     * {@code timeout}. The device is BUSY meanwhile; a failure is also published as an ErrorEvent.
     */
    protected final <T> T perform(String what, Duration timeout, Operation<T> body) throws DeviceException {
        if (lifecycle != Lifecycle.ENABLED) {
            throw fail(new DeviceException(DeviceException.Reason.ILLEGAL_STATE,
                    name + ": " + what + " needs the device enabled but it is " + lifecycle));
        }
        if (!state.usable()) {
            throw fail(new DeviceException(reasonFor(state), name + ": cannot " + what + ": " + stateDetail));
        }
        FutureTask<T> future = new FutureTask<>(() -> {
            // Both moves are conditional and atomic: a fault, an unplug or a close reported by another
            // thread meanwhile must not be overwritten by BUSY, nor by ONLINE when the operation ends.
            changeState(DeviceState.ONLINE, DeviceState.BUSY, what);
            try {
                return body.run();
            } finally {
                changeState(DeviceState.BUSY, DeviceState.ONLINE, what + " done");
            }
        });
        // Made current before the worker can start it: whoever sees the device BUSY and calls
        // cancel() must find this operation, not nothing.
        current.set(future);
        worker.execute(future);
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw fail(new DeviceException(DeviceException.Reason.TIMEOUT,
                    name + ": " + what + " timed out after " + timeout.toMillis() + " ms"));
        } catch (CancellationException e) {
            throw fail(new DeviceException(DeviceException.Reason.CANCELLED, name + ": " + what + " cancelled"));
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw fail(new DeviceException(DeviceException.Reason.CANCELLED, name + ": " + what + " interrupted"));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InterruptedException) {
                throw fail(new DeviceException(DeviceException.Reason.CANCELLED, name + ": " + what + " cancelled"));
            }
            throw fail(asDeviceException(cause, what));
        } finally {
            current.compareAndSet(future, null);
        }
    }

    @Override
    public void cancel() {
        Future<?> f = current.get();
        if (f != null) {
            f.cancel(true);
        }
    }

    private DeviceException fail(DeviceException e) {
        publish(new ErrorEvent(name, e.reason(), e.getMessage(), Instant.now()));
        return e;
    }

    private DeviceException asDeviceException(Throwable t, String what) {
        if (t instanceof DeviceException de) {
            return de;
        }
        // A bug in a driver must not take the kiosk down: report it as a hardware fault with its cause.
        return new DeviceException(DeviceException.Reason.HARDWARE, name + ": " + what + " failed: " + t, t);
    }

    private static DeviceException.Reason reasonFor(DeviceState s) {
        return switch (s) {
            case USER_ERROR -> DeviceException.Reason.NO_MEDIA;
            case HARDWARE_ERROR -> DeviceException.Reason.HARDWARE;
            default -> DeviceException.Reason.OFFLINE;
        };
    }

    // ---- state and events --------------------------------------------------------------------

    /** Moves to {@code next}, telling listeners when it is a change; {@code detail} is for technicians. */
    protected final void setState(DeviceState next, String detail) {
        changeState(null, next, detail);
    }

    /** Like {@link #setState}, but only if the state is {@code expected} (any when null). */
    private void changeState(DeviceState expected, DeviceState next, String detail) {
        DeviceState previous;
        synchronized (this) {
            if (expected != null && state != expected) {
                return;
            }
            previous = state;
            state = next;
            stateDetail = detail;
        }
        if (previous != next) {
            publish(new StatusEvent(name, previous, next, detail, Instant.now()));
        }
    }

    protected final void publish(DeviceEvent event) {
        for (DeviceListener l : listeners) {
            try {
                l.onEvent(event);
            } catch (RuntimeException e) {
                log.warn("{}: a listener failed on {}: {}", name, event.getClass().getSimpleName(), e.toString());
            }
        }
    }

    /** Publishes input from the device (only while enabled: a disabled device delivers no data). */
    protected final <T> void publishData(T data) {
        if (lifecycle == Lifecycle.ENABLED) {
            publish(new DataEvent<>(name, data, Instant.now()));
        }
    }

    @Override
    public HealthReport checkHealth() {
        String text = lifecycle == Lifecycle.CLOSED ? "closed" : stateDetail + "; " + healthDetail();
        return new HealthReport(name, deviceClass, lifecycle, state,
                lifecycle == Lifecycle.ENABLED && state.usable(), text, Instant.now());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public DeviceClass deviceClass() {
        return deviceClass;
    }

    @Override
    public Lifecycle lifecycle() {
        return lifecycle;
    }

    @Override
    public DeviceState state() {
        return state;
    }

    /** Why the device is in its state, in a technician's words. */
    public String stateDetail() {
        return stateDetail;
    }

    @Override
    public void addListener(DeviceListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(DeviceListener listener) {
        listeners.remove(listener);
    }
}
