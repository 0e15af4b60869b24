package org.tongban.kiosk.accessibility;

/**
 * WCAG 2.1 colour contrast (success criterion 1.4.3): relative luminance of an sRGB colour and the
 * contrast ratio of two of them. Channels are 0..1.
 */
public final class Contrast {

    private Contrast() {
    }

    /** Relative luminance as WCAG 2.1 defines it (sRGB linearised, Rec. 709 weights). */
    public static double luminance(double red, double green, double blue) {
        return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue);
    }

    /** (L1 + 0.05) / (L2 + 0.05), the lighter over the darker: 1 (same colour) to 21 (black on white). */
    public static double ratio(double luminanceA, double luminanceB) {
        double lighter = Math.max(luminanceA, luminanceB);
        double darker = Math.min(luminanceA, luminanceB);
        return (lighter + 0.05) / (darker + 0.05);
    }

    /** The contrast of two colours given as 0xRRGGBB. */
    public static double ratio(int rgbA, int rgbB) {
        return ratio(luminance(rgbA), luminance(rgbB));
    }

    public static double luminance(int rgb) {
        return luminance(((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0);
    }

    private static double linear(double channel) {
        if (channel < 0 || channel > 1) {
            throw new IllegalArgumentException("a colour channel is 0..1, not " + channel);
        }
        // WCAG 2.1 still writes 0.03928 (from an old sRGB draft); 0.04045 is the sRGB standard's. No
        // 8-bit value lies between them, so the results are the same.
        return channel <= 0.04045 ? channel / 12.92 : Math.pow((channel + 0.055) / 1.055, 2.4);
    }
}
