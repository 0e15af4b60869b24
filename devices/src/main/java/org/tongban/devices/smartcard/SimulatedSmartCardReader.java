package org.tongban.devices.smartcard;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.tongban.devices.DeviceClass;
import org.tongban.devices.DeviceException;
import org.tongban.devices.simulation.SimulatedDevice;

/**
 * The simulator twin of a PC/SC reader: a test inserts a card with an ATR and a responder that plays
 * the card's part (command APDU in, response out), takes it out again, or unplugs the reader.
 */
public final class SimulatedSmartCardReader extends SimulatedDevice implements SmartCardReader {

    /** Everything about the slot, guarded by itself: a blocked connect waits on it for a card. */
    private final Object slot = new Object();
    private byte[] atr;
    private Function<byte[], ApduResponse> responder;
    private SmartCard connected;

    private final AtomicInteger exchanged = new AtomicInteger();

    public SimulatedSmartCardReader(String name) {
        super(name, DeviceClass.SMART_CARD_READER, "card reader");
    }

    // ---- scripting, for tests and the demo -----------------------------------------------------

    /**
     * Puts a card in the slot. {@code responder} answers each command APDU as the card would;
     * returning {@code null} plays a mute card, which the reader reports as a protocol error.
     */
    public void insert(byte[] atr, Function<byte[], ApduResponse> responder) {
        if (atr.length < 2 || (atr[0] != 0x3B && atr[0] != 0x3F)) {
            throw new IllegalArgumentException("an ATR starts with TS = 3B or 3F");
        }
        synchronized (slot) {
            this.atr = atr.clone();
            this.responder = responder;
            this.connected = null;
            slot.notifyAll();
        }
        if (plugged()) {
            publishData(CardSlotChange.of(CardSlotChange.Change.INSERTED, atr));
        }
    }

    /** Takes the card out: any connection to it is gone. */
    public void removeCard() {
        byte[] removed;
        synchronized (slot) {
            removed = atr;
            atr = null;
            responder = null;
            connected = null;
        }
        if (removed != null && plugged()) {
            publishData(CardSlotChange.of(CardSlotChange.Change.REMOVED, removed));
        }
    }

    /** How many APDUs the card has answered since the reader was built. */
    public int apdusExchanged() {
        return exchanged.get();
    }

    // ---- the device --------------------------------------------------------------------------

    /** With the cable, the connection goes, and a connect waiting for a card gives up. */
    @Override
    protected void onUnplugged() {
        synchronized (slot) {
            connected = null;
            slot.notifyAll();
        }
    }

    @Override
    protected void onClose() {
        synchronized (slot) {
            connected = null;
        }
    }

    @Override
    protected String healthDetail() {
        String card;
        synchronized (slot) {
            card = atr == null ? "no card" : "card in slot" + (connected != null ? ", connected" : "");
        }
        return "simulated PC/SC reader, " + (plugged() ? "connected" : "unplugged") + ", " + card + ", "
                + exchanged.get() + " APDUs exchanged";
    }

    @Override
    public boolean cardPresent() {
        synchronized (slot) {
            return plugged() && atr != null;
        }
    }

    @Override
    public SmartCard connect(Duration timeout) throws DeviceException {
        return perform("connect to card", timeout, () -> {
            throwScriptedFailure();
            synchronized (slot) {
                while (plugged() && atr == null) {
                    slot.wait(); // until a card is inserted; interrupted by timeout or cancel
                }
                if (!plugged()) {
                    throw offline();
                }
                connected = new SmartCard(atr, protocolOf(atr), Instant.now());
                return connected;
            }
        });
    }

    @Override
    public ApduResponse transmit(byte[] commandApdu, Duration timeout) throws DeviceException {
        if (commandApdu == null || commandApdu.length < 4) {
            throw new IllegalArgumentException("a command APDU has at least CLA INS P1 P2");
        }
        byte[] command = commandApdu.clone(); // the caller may reuse its buffer meanwhile
        return perform("transmit APDU", timeout, () -> {
            throwScriptedFailure();
            Function<byte[], ApduResponse> card;
            synchronized (slot) {
                if (atr == null) {
                    throw new DeviceException(DeviceException.Reason.NO_MEDIA, name() + ": no card in the slot");
                }
                if (connected == null) {
                    throw new DeviceException(DeviceException.Reason.ILLEGAL_STATE,
                            name() + ": not connected to the card, call connect first");
                }
                card = responder;
            }
            ApduResponse response = card.apply(command);
            if (response == null) {
                throw new DeviceException(DeviceException.Reason.PROTOCOL, name() + ": the card did not answer");
            }
            exchanged.incrementAndGet();
            return response;
        });
    }

    @Override
    public void disconnect(Duration timeout) throws DeviceException {
        perform("disconnect card", timeout, () -> {
            synchronized (slot) {
                connected = null;
            }
            return null;
        });
    }

    /**
     * The protocol a card offers first: the low nibble of TD1 when the ATR has one (ISO 7816-3),
     * T=0 otherwise. T0's high nibble says which of TA1, TB1, TC1, TD1 follow.
     */
    static SmartCard.Protocol protocolOf(byte[] atr) {
        int y1 = (atr[1] & 0xF0) >> 4;
        if ((y1 & 0x8) == 0) {
            return SmartCard.Protocol.T0;
        }
        int td1Index = 2 + Integer.bitCount(y1 & 0x7);
        if (td1Index >= atr.length) {
            return SmartCard.Protocol.T0;
        }
        return (atr[td1Index] & 0x0F) == 1 ? SmartCard.Protocol.T1 : SmartCard.Protocol.T0;
    }
}
