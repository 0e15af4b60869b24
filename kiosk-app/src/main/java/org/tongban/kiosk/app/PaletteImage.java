package org.tongban.kiosk.app;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A picture reduced to at most 256 colours, for a small PNG: a screen is mostly flat colour, so the 256 most used
 * colours (near colours counted together, at 5 bits a channel) cover it, and every other pixel (the edges of
 * letters) takes the nearest of them.
 */
final class PaletteImage {

    private static final int COLOURS = 256;

    private PaletteImage() {
    }

    static BufferedImage of(BufferedImage rgb) {
        int w = rgb.getWidth();
        int h = rgb.getHeight();
        int[] pixels = rgb.getRGB(0, 0, w, h, null, 0, w);
        Map<Integer, Integer> exact = new HashMap<>();
        for (int p : pixels) {
            exact.merge(p & 0xffffff, 1, Integer::sum);
        }
        // Buckets of near colours, each drawn in its most used exact colour: a flat colour stays exactly itself.
        int[] counts = new int[1 << 15];
        int[] colour = new int[1 << 15];
        int[] colourCount = new int[1 << 15];
        exact.forEach((c, n) -> {
            int bucket = bucket(c);
            counts[bucket] += n;
            if (n > colourCount[bucket]) {
                colourCount[bucket] = n;
                colour[bucket] = c;
            }
        });
        Integer[] order = new Integer[counts.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Integer.compare(counts[b], counts[a]));
        byte[] r = new byte[COLOURS];
        byte[] g = new byte[COLOURS];
        byte[] b = new byte[COLOURS];
        int n = 0;
        while (n < COLOURS && counts[order[n]] > 0) {
            int c = colour[order[n]];
            r[n] = (byte) (c >> 16);
            g[n] = (byte) (c >> 8);
            b[n] = (byte) c;
            n++;
        }
        int size = Math.max(n, 1);
        BufferedImage indexed = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED,
                new IndexColorModel(8, size, r, g, b));
        byte[] index = new byte[w * h];
        Map<Integer, Byte> nearest = new HashMap<>();
        for (int i = 0; i < pixels.length; i++) {
            index[i] = nearest.computeIfAbsent(pixels[i] & 0xffffff, c -> (byte) closest(c, r, g, b, size));
        }
        indexed.getRaster().setDataElements(0, 0, w, h, index);
        return indexed;
    }

    private static int bucket(int argb) {
        return ((argb >> 19) & 0x1f) << 10 | ((argb >> 11) & 0x1f) << 5 | ((argb >> 3) & 0x1f);
    }

    private static int closest(int rgb, byte[] r, byte[] g, byte[] b, int size) {
        int br = (rgb >> 16) & 0xff;
        int bg = (rgb >> 8) & 0xff;
        int bb = rgb & 0xff;
        int best = 0;
        int bestDistance = Integer.MAX_VALUE;
        for (int i = 0; i < size; i++) {
            int dr = br - (r[i] & 0xff);
            int dg = bg - (g[i] & 0xff);
            int db = bb - (b[i] & 0xff);
            int d = dr * dr + dg * dg + db * db;
            if (d < bestDistance) {
                bestDistance = d;
                best = i;
            }
        }
        return best;
    }
}
