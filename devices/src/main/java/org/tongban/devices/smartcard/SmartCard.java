package org.tongban.devices.smartcard;

import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A card the reader is connected to.
 *
 * @param atr the Answer To Reset, which tells the card type and issuer application apart
 * @param protocol the transmission protocol the reader and card agreed on
 */
public record SmartCard(byte[] atr, Protocol protocol, Instant connectedAt) {

    /** ISO 7816-3 transmission protocols: T=0 is byte oriented, T=1 block oriented. */
    public enum Protocol { T0, T1 }

    public SmartCard {
        atr = atr.clone();
    }

    @Override
    public byte[] atr() {
        return atr.clone();
    }

    /** The ATR as upper-case hex, e.g. {@code 3B6800000073C84000009000}, as card type tables list it. */
    public String atrHex() {
        return HexFormat.of().withUpperCase().formatHex(atr);
    }

    @Override
    public String toString() {
        return "SmartCard[ATR " + atrHex() + ", " + protocol + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SmartCard other && Arrays.equals(atr, other.atr) && protocol == other.protocol
                && connectedAt.equals(other.connectedAt);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(atr) + protocol.hashCode();
    }
}
