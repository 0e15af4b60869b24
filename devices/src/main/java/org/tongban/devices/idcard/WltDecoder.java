package org.tongban.devices.idcard;

import org.tongban.devices.DeviceException;

/**
 * The plug-in point for a licensed WLT decoder, which turns a card's 1,024-byte WLT photo into an image.
 * None ships with Tongban; a vendor's decoder is a jar on the class path that names its implementation in
 * {@code META-INF/services/org.tongban.devices.idcard.WltDecoder} (see {@link CardPhotos}).
 */
public interface WltDecoder {

    /** The decoded photo, e.g. a 102 x 126 BMP as most vendor libraries produce it. */
    record Image(String mediaType, int width, int height, byte[] bytes) { }

    /** What the decoder is, for the health check and the technician ("vendor X WLT decoder 2.1"). */
    String describe();

    Image decode(byte[] wlt) throws DeviceException;
}
