package org.tongban.devices.idcard;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.tongban.devices.DeviceClass;
import org.tongban.devices.DeviceException;
import org.tongban.devices.DeviceState;
import org.tongban.devices.simulation.SimulatedDevice;

/**
 * The simulator twin of an ID card reader, for demo mode and tests: a test places a card
 * ({@link #present}), takes it away, unplugs the reader or makes the next read fail ({@link #failNext}).
 */
public final class SimulatedIdCardReader extends SimulatedDevice implements IdCardReader {

    private final AtomicReference<IdCard> inField = new AtomicReference<>();
    private final Object fieldChanged = new Object();
    private volatile int reads;

    public SimulatedIdCardReader(String name) {
        super(name, DeviceClass.ID_CARD_READER, "ID card reader");
    }

    // ---- scripting, for tests and the demo -----------------------------------------------------

    /** Places a card on the reader: an enabled reader reads it and publishes it, as the real one polls. */
    public void present(IdCard card) {
        inField.set(card);
        synchronized (fieldChanged) {
            fieldChanged.notifyAll();
        }
        if (plugged() && state() == DeviceState.ONLINE) {
            reads++;
            publishData(card);
        }
    }

    public void removeCard() {
        inField.set(null);
    }

    public int reads() {
        return reads;
    }

    // ---- the device --------------------------------------------------------------------------

    @Override
    protected String healthDetail() {
        return "simulated reader, SAM " + SAM_ID + ", " + reads + " cards read";
    }

    static final String SAM_ID = "05.01-20260101-0000000001-0000000001";

    @Override
    public IdCard read(Duration timeout) throws DeviceException {
        return perform("read card", timeout, () -> {
            throwScriptedFailure(); // e.g. a card the SAM cannot authenticate
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
            clearScriptedFailure();
            return null;
        });
    }
}
