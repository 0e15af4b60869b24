package org.tongban.devices.idcard;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.tongban.devices.AbstractDevice;
import org.tongban.devices.DeviceClass;
import org.tongban.devices.DeviceException;
import org.tongban.devices.DeviceState;

/**
 * The simulator twin of an ID card reader, for demo mode and tests: a test places a card
 * ({@link #present}), takes it away, unplugs the reader or makes the next read fail.
 */
public final class SimulatedIdCardReader extends AbstractDevice implements IdCardReader {

    private final AtomicReference<IdCard> inField = new AtomicReference<>();
    private final AtomicReference<DeviceException> nextFailure = new AtomicReference<>();
    private final Object fieldChanged = new Object();
    private volatile boolean plugged = true;
    private volatile int reads;

    public SimulatedIdCardReader(String name) {
        super(name, DeviceClass.ID_CARD_READER);
    }

    // ---- scripting, for tests and the demo -----------------------------------------------------

    /** Places a card on the reader: an enabled reader reads it and publishes it, as the real one polls. */
    public void present(IdCard card) {
        inField.set(card);
        synchronized (fieldChanged) {
            fieldChanged.notifyAll();
        }
        if (plugged && state() == DeviceState.ONLINE) {
            reads++;
            publishData(card);
        }
    }

    public void removeCard() {
        inField.set(null);
    }

    /** The USB cable comes out: the reader goes OFFLINE until {@link #plugIn()}. */
    public void unplug() {
        plugged = false;
        setState(DeviceState.OFFLINE, "reader not connected (unplugged)");
    }

    public void plugIn() {
        plugged = true;
        if (lifecycle().atLeast(org.tongban.devices.Lifecycle.OPENED)) {
            setState(DeviceState.ONLINE, "reader reconnected");
        }
    }

    /** The next read fails with this error (e.g. a card the SAM cannot authenticate). */
    public void failNextRead(DeviceException failure) {
        nextFailure.set(failure);
    }

    public int reads() {
        return reads;
    }

    // ---- the device --------------------------------------------------------------------------

    @Override
    protected void onOpen() throws DeviceException {
        if (!plugged) {
            throw new DeviceException(DeviceException.Reason.OFFLINE, name() + ": no reader connected");
        }
    }

    @Override
    protected void onClose() {
    }

    @Override
    protected String healthDetail() {
        return "simulated reader, SAM " + SAM_ID + ", " + reads + " cards read";
    }

    static final String SAM_ID = "05.01-20260101-0000000001-0000000001";

    @Override
    public IdCard read(Duration timeout) throws DeviceException {
        return perform("read card", timeout, () -> {
            DeviceException failure = nextFailure.getAndSet(null);
            if (failure != null) {
                throw failure;
            }
            IdCard card;
            synchronized (fieldChanged) {
                while ((card = inField.get()) == null) {
                    fieldChanged.wait(); // interrupted by timeout or cancel
                }
            }
            reads++;
            return card;
        });
    }

    @Override
    public String samId(Duration timeout) throws DeviceException {
        return perform("read SAM id", timeout, () -> SAM_ID);
    }

    @Override
    public void reset(Duration timeout) throws DeviceException {
        perform("reset SAM", timeout, () -> {
            nextFailure.set(null);
            return null;
        });
    }
}
