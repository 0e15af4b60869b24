package org.tongban.devices.smartcard;

import java.util.HexFormat;

/**
 * A card went into or came out of the slot; published as a {@code DataEvent} while the reader is enabled.
 *
 * @param atrHex the ATR of the card that was inserted or removed, as upper-case hex
 */
public record CardSlotChange(Change change, String atrHex) {

    public enum Change { INSERTED, REMOVED }

    static CardSlotChange of(Change change, byte[] atr) {
        return new CardSlotChange(change, HexFormat.of().withUpperCase().formatHex(atr));
    }
}
