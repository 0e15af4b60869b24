package org.tongban.devices.scanner;

import java.util.Objects;

/**
 * How to scan: resolution and colour.
 *
 * @param dpi dots per inch, 75 to 600; 300 is the usual choice for documents kept on file
 */
public record ScanRequest(int dpi, ColourMode colourMode) {

    public enum ColourMode {
        COLOUR,
        GREYSCALE,
        /** One bit per pixel: smallest files, for text-only forms. */
        BLACK_AND_WHITE
    }

    public ScanRequest {
        Objects.requireNonNull(colourMode, "colourMode");
        if (dpi < 75 || dpi > 600) {
            throw new IllegalArgumentException("scan resolution must be 75 to 600 dpi, got " + dpi);
        }
    }

    /** 300 dpi colour: what an archived copy of a certificate needs. */
    public static ScanRequest document() {
        return new ScanRequest(300, ColourMode.COLOUR);
    }
}
