package org.tongban.devices.qr;

import java.time.Instant;
import java.util.Objects;

/**
 * A code the scanner read. The text can be a credential (an appointment token, a health code),
 * so {@link #toString()} gives only its length.
 */
public record QrCode(String text, Instant seenAt) {

    public QrCode {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(seenAt, "seenAt");
    }

    @Override
    public String toString() {
        return "QrCode[" + text.length() + " chars, " + seenAt + "]";
    }
}
