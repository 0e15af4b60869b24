package org.tongban.devices.smartcard;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The card's answer to one command APDU: response data and the two status bytes.
 *
 * <p>The data of a social security card is personal (name, number, bank account), so
 * {@link #toString()} shows only the status word and the length, and {@link #wipe()} zeroes it.
 *
 * @param sw the status word SW1SW2, e.g. {@code 0x9000} for success or {@code 0x6A82} for file not found
 */
public record ApduResponse(byte[] data, int sw) {

    public static final int SW_SUCCESS = 0x9000;

    public ApduResponse {
        data = data == null ? new byte[0] : data;
        if (sw < 0 || sw > 0xFFFF) {
            throw new IllegalArgumentException("a status word is two bytes, got " + Integer.toHexString(sw));
        }
    }

    /** A bare status word without data, e.g. {@code ApduResponse.status(0x6A82)}. */
    public static ApduResponse status(int sw) {
        return new ApduResponse(new byte[0], sw);
    }

    /** Splits a response as it comes off the wire: data followed by SW1 SW2. */
    public static ApduResponse fromBytes(byte[] raw) {
        if (raw.length < 2) {
            throw new IllegalArgumentException("a response APDU has at least SW1 SW2, got " + raw.length + " byte(s)");
        }
        int sw = ((raw[raw.length - 2] & 0xFF) << 8) | (raw[raw.length - 1] & 0xFF);
        return new ApduResponse(Arrays.copyOf(raw, raw.length - 2), sw);
    }

    /** Data followed by SW1 SW2, as it goes over the wire. */
    public byte[] toBytes() {
        byte[] raw = Arrays.copyOf(data, data.length + 2);
        raw[data.length] = (byte) sw1();
        raw[data.length + 1] = (byte) sw2();
        return raw;
    }

    public int sw1() {
        return sw >> 8;
    }

    public int sw2() {
        return sw & 0xFF;
    }

    /** Whether the card says the command worked ({@code 9000}). */
    public boolean isSuccess() {
        return sw == SW_SUCCESS;
    }

    public String swHex() {
        return HexFormat.of().withUpperCase().toHexDigits((short) sw);
    }

    /** Zeroes the response data once the flow has what it needs. */
    public void wipe() {
        Arrays.fill(data, (byte) 0);
    }

    @Override
    public String toString() {
        return "ApduResponse[SW " + swHex() + ", " + data.length + " data byte(s)]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ApduResponse other && sw == other.sw && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(data) + sw;
    }
}
