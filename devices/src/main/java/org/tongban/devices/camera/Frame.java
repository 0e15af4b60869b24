package org.tongban.devices.camera;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One picture from the camera, encoded (PNG or JPEG). A face is personal data: {@link #toString()}
 * never shows the bytes, and {@link #wipe()} zeroes them once the verification is done.
 *
 * <p>Preview frames go to every listener as the same object, so a listener must not wipe them.
 *
 * @param mediaType e.g. {@code image/png} or {@code image/jpeg}
 */
public record Frame(byte[] image, String mediaType, int width, int height, Instant capturedAt) {

    public Frame {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(capturedAt, "capturedAt");
    }

    /** Zeroes the image bytes. */
    public void wipe() {
        Arrays.fill(image, (byte) 0);
    }

    @Override
    public String toString() {
        return "Frame[" + mediaType + " " + width + "x" + height + ", " + image.length + " bytes, " + capturedAt + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Frame other && width == other.width && height == other.height
                && mediaType.equals(other.mediaType) && capturedAt.equals(other.capturedAt)
                && Arrays.equals(image, other.image);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mediaType, width, height, capturedAt, Arrays.hashCode(image));
    }
}
