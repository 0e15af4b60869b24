package org.tongban.devices.scanner;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One scanned page, encoded. Scanned certificates are personal data: {@link #toString()} never shows
 * the bytes, and {@link #wipe()} zeroes them once the copy is stored or sent.
 *
 * @param mediaType e.g. {@code image/png}
 */
public record ScannedPage(byte[] image, String mediaType, int widthPixels, int heightPixels, int dpi,
                          ScanRequest.ColourMode colourMode, Instant scannedAt) {

    public ScannedPage {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(colourMode, "colourMode");
        Objects.requireNonNull(scannedAt, "scannedAt");
    }

    /** Zeroes the image bytes. */
    public void wipe() {
        Arrays.fill(image, (byte) 0);
    }

    @Override
    public String toString() {
        return "ScannedPage[" + mediaType + " " + widthPixels + "x" + heightPixels + " at " + dpi + " dpi, "
                + colourMode + ", " + image.length + " bytes]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScannedPage other && widthPixels == other.widthPixels
                && heightPixels == other.heightPixels && dpi == other.dpi && colourMode == other.colourMode
                && mediaType.equals(other.mediaType) && scannedAt.equals(other.scannedAt)
                && Arrays.equals(image, other.image);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mediaType, widthPixels, heightPixels, dpi, colourMode, scannedAt, Arrays.hashCode(image));
    }
}
