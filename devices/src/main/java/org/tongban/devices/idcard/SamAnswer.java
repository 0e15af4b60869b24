package org.tongban.devices.idcard;

import java.util.Arrays;
import org.tongban.devices.DeviceException;

/**
 * One reader → host frame, checked and unwrapped: SW1 SW2 (00 00 on success), the status SW3 and the data.
 * The data may hold a card's personal data, so {@link #toString()} shows only its length.
 */
public record SamAnswer(int sw1, int sw2, int sw3, byte[] data) {

    /** Splits a frame body (SW1 SW2 SW3 DATA, as the decoder hands it out). */
    public static SamAnswer ofBody(byte[] body) throws DeviceException {
        if (body.length < 3) {
            throw new DeviceException(DeviceException.Reason.PROTOCOL,
                    "the reader's answer is too short: " + body.length + " byte(s) where SW1 SW2 SW3 need 3");
        }
        return new SamAnswer(body[0] & 0xFF, body[1] & 0xFF, body[2] & 0xFF, Arrays.copyOfRange(body, 3, body.length));
    }

    /** The body of this answer as it goes in a frame. */
    public byte[] body() {
        byte[] body = new byte[3 + data.length];
        body[0] = (byte) sw1;
        body[1] = (byte) sw2;
        body[2] = (byte) sw3;
        System.arraycopy(data, 0, body, 3, data.length);
        return body;
    }

    @Override
    public String toString() {
        return String.format("SamAnswer[%02X %02X %02X, %d data byte(s)]", sw1, sw2, sw3, data.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SamAnswer a && a.sw1 == sw1 && a.sw2 == sw2 && a.sw3 == sw3 && Arrays.equals(a.data, data);
    }

    @Override
    public int hashCode() {
        return ((sw1 * 31 + sw2) * 31 + sw3) * 31 + Arrays.hashCode(data);
    }
}
