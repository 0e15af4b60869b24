package org.tongban.devices.smartcard;

import java.time.Duration;
import org.tongban.devices.Device;
import org.tongban.devices.DeviceException;

/**
 * A contact IC card reader on PC/SC, for social security cards and bank cards.
 *
 * <p>While enabled, the reader publishes a {@code DataEvent<CardSlotChange>} whenever a card goes
 * in or comes out, so a flow can prompt "insert your card" and "take your card". Talking to the card
 * is {@link #connect}, then any number of {@link #transmit} calls, then {@link #disconnect}.
 */
public interface SmartCardReader extends Device {

    /** Waits up to {@code timeout} for a card in the slot, powers it up and connects to it. */
    SmartCard connect(Duration timeout) throws DeviceException;

    /**
     * Sends one command APDU (CLA INS P1 P2 [Lc data] [Le]) to the connected card and returns its answer.
     * Fails with {@code NO_MEDIA} when the card is gone and {@code ILLEGAL_STATE} before {@link #connect}.
     *
     * @throws IllegalArgumentException when the command is shorter than the four header bytes
     */
    ApduResponse transmit(byte[] commandApdu, Duration timeout) throws DeviceException;

    /** Powers the card down and lets go of it; the card stays in the slot. Does nothing when not connected. */
    void disconnect(Duration timeout) throws DeviceException;

    /** Whether a card is in the slot, as last seen by the reader. */
    boolean cardPresent();
}
